"""What the tests and the benchmarks share: the app-server and browser harness, the AppTest helpers, and where the open
data is."""
