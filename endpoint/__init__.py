"""The dipkg web endpoint: SPARQL 1.1 Protocol, service description, VoID, pages.

Build an app with :func:`endpoint.app.create_app` and serve it with
:func:`endpoint.serve.serve`; nothing runs at import.
"""
