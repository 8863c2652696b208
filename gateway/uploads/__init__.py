"""Videos callers upload (UploadVideo): checked as they stream in, kept as bundles in a
bounded store, visible only to their owner, expiring on their own or deleted on request."""
