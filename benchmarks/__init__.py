"""Benchmarks for newsspider (extraction quality and speed)."""
