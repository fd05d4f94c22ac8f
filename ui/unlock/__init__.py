"""First run (a new vault) and the lock screen."""
