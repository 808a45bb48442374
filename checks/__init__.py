"""Built-in checks, one module per family. Modules depend only on `auditor`'s public model.

Each module defines `auditor.registry.Check` subclasses; the registry discovers them by scanning
this package, so adding a module with a check class is all it takes to register it.
"""
