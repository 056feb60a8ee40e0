"""Renderings for people and programs: listings, reports and charts."""
