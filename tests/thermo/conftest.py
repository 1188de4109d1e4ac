"""Thermo tests use the shared fixtures `mp` and `pd_for` of tests/conftest.py."""
