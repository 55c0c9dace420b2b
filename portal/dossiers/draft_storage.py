"""formtools wizard storage kept in a `DossierDraft` row (never cookies:
formtools #45), written once per request."""

from __future__ import annotations

from formtools.wizard.storage.base import BaseStorage


class DraftStorage(BaseStorage):
    """formtools storage whose data lives in a DossierDraft row, saved every request."""

    def __init__(self, prefix, request=None, file_storage=None, draft=None):
        super().__init__(prefix, request, file_storage)
        self.draft = draft
        data = draft.data
        if not isinstance(data, dict) or not {
            self.step_key,
            self.step_data_key,
            self.step_files_key,
            self.extra_data_key,
        } <= set(data):
            self.init_data()

    @property
    def data(self) -> dict:
        return self.draft.data

    @data.setter
    def data(self, value: dict) -> None:
        self.draft.data = value

    def update_response(self, response):
        super().update_response(response)
        step = self.data.get(self.step_key) or ""
        if self.request.method != "POST" and step == self.draft.current_step:
            # Reading a step changes nothing worth a write.
            return
        self.draft.current_step = step
        self.draft.touch()
        # Only the wizard's own fields: submit_dossier() sets submitted_at on
        # another instance of this row during the same request.
        self.draft.save(
            update_fields=[
                "data",
                "current_step",
                "expires_at",
                "updated_at",
                "email",
                "resume_link_sent_at",
            ]
        )
