"""The library screen: every testimony as a list or grid, its item model, painted rows, thumbnails and the erase-delivered button."""
