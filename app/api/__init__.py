"""The HTTP API: ``app.api.main.create_app()`` builds the FastAPI application.

Nothing is imported here, so the CLI can use the wire schemas without loading FastAPI.
"""
