"""Reads of the chapters app: chapters (directory, page, suggestions, roster) and events."""
