"""Local need: how many people in a local justice cohort are likely to have each need, against the general rate."""
