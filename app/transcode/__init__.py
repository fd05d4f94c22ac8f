"""Transcoding: asking for copies, the job queue and its service, the worker process and its wire, and the review of anonymized copies."""
