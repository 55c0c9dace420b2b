"""Test data factories, one module per area (wagtail-factories / factory_boy)."""
