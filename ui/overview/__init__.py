"""The overview screen: the archive at a glance, in bar charts (Qt Charts)."""
