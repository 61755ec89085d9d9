"""assemble: attach dates, places, actors and counts to triggers into event mentions."""
