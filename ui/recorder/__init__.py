"""The recorder screen: live preview, source pickers, record/pause/stop, level meter and the interview guide."""
