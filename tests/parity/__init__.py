"""Parity tests: small programs run under PyTorch and under minigrad must show the same things."""
