"""Fault injection: a local HTTP server that misbehaves on demand, and the tests that use it."""
