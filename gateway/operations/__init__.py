"""Long analyses as google.longrunning operations (AIP-151): AnalyzeAsync and the Operations
service that polls, lists, cancels and deletes them."""
