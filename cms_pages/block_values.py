"""How filled-in blocks answer templates: the StructValue classes of
cms_pages/blocks.py (presentation helpers, the journey's critical path, where
a tile or a menu link leads). Block definitions stay in blocks.py; these
hold no fields, so moving them never touches a migration."""

from wagtail import blocks


class CalloutValue(blocks.StructValue):
    """Presentation helpers for a callout."""

    def css_modifier(self) -> str:
        return f"callout--{self.get('tone') or 'info'}"


class ContactCardValue(blocks.StructValue):
    """Presentation helpers for a contact card."""

    def phone_href(self) -> str:
        """The phone number as a tel: link target (digits and + only)."""
        phone = self.get("phone") or ""
        return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


class JourneyValue(blocks.StructValue):
    """Resolves each step's procedure in the visitor's language and works out
    the critical path (cms_pages/roadmap.py) for the conditions ticked."""

    def journey_steps(self) -> list:
        """Steps with `procedure` swapped for its translation, facts attached.

        (Not named `steps`: templates look up dict keys before methods.)"""
        from cms_pages.journeys import journey_steps

        cached = getattr(self, "_steps", None)
        if cached is None:
            cached = journey_steps(self.get("steps") or [])
            self._steps = cached
        return cached

    def steps_for_visitor(self) -> list:
        """journey_steps(), each marked `skipped` when the ticked conditions
        leave it out."""
        chosen = self.chosen()
        steps = self.journey_steps()
        for step in steps:
            step.skipped = chosen is not None and step.number not in chosen.steps
        return steps

    def plan_steps(self) -> list:
        """The steps as the roadmap arithmetic sees them."""
        from cms_pages.roadmap import plan_steps

        return plan_steps(self.journey_steps(), self.get("steps") or [])

    def plan(self):
        """Shortest and longest critical paths (cms_pages.roadmap.PlanRange)."""
        from cms_pages.roadmap import plan_range

        cached = getattr(self, "_plan", None)
        if cached is None:
            cached = self._plan = plan_range(self.plan_steps())
        return cached

    def choose(self, params, name: str) -> None:
        """Remember the conditions the visitor ticked (GET `name`, `name-sent`)."""
        from cms_pages.roadmap import ticked_conditions

        self.param_name = name
        self.ticked = ticked_conditions(params, name, self.plan_steps())

    def chosen(self):
        """The critical path for the ticked conditions, or None when none were sent."""
        from cms_pages.roadmap import estimate

        ticked = getattr(self, "ticked", None)
        return None if ticked is None else estimate(self.plan_steps(), ticked)

    def form_name(self) -> str:
        return getattr(self, "param_name", "roadmap")

    def assumptions(self) -> dict:
        """What each end of the range takes for granted, in words: the
        conditions that hold and those that do not, for the shortest and the
        longest path."""
        plan = self.plan()
        short_yes, short_no = plan.assumptions(plan.shortest)
        long_yes, long_no = plan.assumptions(plan.longest)
        return {
            "shortest": {"holds": short_yes, "fails": short_no},
            "longest": {"holds": long_yes, "fails": long_no},
        }


class EntryPointValue(blocks.StructValue):
    """Works out where a life-event tile leads."""

    def url(self) -> str:
        """A chosen page, else the catalogue filtered by sector, else a search."""
        from cms_pages.journeys import entry_point_url

        return entry_point_url(self.get("page"), self.get("sector"), self.get("search"))


class LinkValue(blocks.StructValue):
    """A menu link's address and text in the visitor's language.

    Method names differ from the field names: templates look up dict keys first.
    """

    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            return page.localized.url or ""
        return self.get("url") or ""

    def link_text(self) -> str:
        page = self.get("page")
        return self.get("text") or (page.localized.title if page is not None else "")
