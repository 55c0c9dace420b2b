"""Public views of online filing, one module per role:

- `start`: the start page of a procedure ("Start now" creates a draft);
- `wizard`: the multi-step form (formtools, state in `DossierDraft` rows);
- `save`: save for later (emailed link) and resuming from that link;
- `confirmation`: the confirmation panel and the receipt PDF;
- `tracking`: the tracking page and the supplement upload it leads to;
- `status_api`: `GET /api/dossiers/CODE/status/`;
- `session`: which drafts and dossiers this browser owns, and the page shown
  when a link is not (or no longer) theirs.
"""
