"""The testimony form: catalogue fields, people, consent, media, and the autosave behind them."""
