"""What every screen runs on: the vault thread (executor), background operations (ops), the shared context, the job runner, auto-lock, languages, fonts, formats and the error dialog."""
