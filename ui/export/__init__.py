"""The export dialog: what to hand over, to which organizer, where, and the report; the organizers' address book."""
