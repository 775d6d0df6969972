"""Writes of the service week; see each module for its part."""
