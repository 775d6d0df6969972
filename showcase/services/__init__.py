"""Writes of the showcase, one module per stage: works, voting, results."""
