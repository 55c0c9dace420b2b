"""Public views of the appointments app, one module per audience: citizens
booking (`booking`, `manage`), the hall of the centre (`centre`), machines
(`api`)."""
