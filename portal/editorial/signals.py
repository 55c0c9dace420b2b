"""Receivers for editors' accounts."""
