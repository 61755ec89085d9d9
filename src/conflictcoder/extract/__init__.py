"""extract: one module per layer (dates, places, actors, quantities, triggers).

Each module has one entry point `extract(doc, ann, res)` returning a list of model objects.
"""
