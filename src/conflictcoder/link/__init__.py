"""link: merge event mentions from many reports into events."""
