"""Judgements over the stored evidence: credibility, dyad scores, timelines, hypotheses."""
