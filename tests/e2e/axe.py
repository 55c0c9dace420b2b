"""Run axe-core (from npm, see package.json) inside a Playwright page."""

from dataclasses import dataclass

from playwright.sync_api import Page

# WCAG 2.0/2.1/2.2 A and AA rules, plus axe's best practices (landmarks,
# one main, headings order), which are how the WCAG structure checks show up.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


@dataclass
class Violation:
    """One axe rule broken on a page, with the elements that break it."""

    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5])
        more = f" (+{len(self.targets) - 5} more)" if len(self.targets) > 5 else ""
        return f"[{self.impact}] {self.rule}: {self.help} -> {shown}{more}"


def run_axe(page: Page, axe_source: str) -> list[Violation]:
    """Every violation axe finds on the page as it is now, most severe first."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol: an injected <script> would
        # be refused by the page's Content-Security-Policy, as it should be.
        page.evaluate("source => { (0, eval)(source); }", axe_source)
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                rule: v.id, impact: v.impact || 'minor', help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    violations = [Violation(**item) for item in result]
    return sorted(violations, key=lambda v: order.get(v.impact, 4))


def blocking(violations: list[Violation]) -> list[Violation]:
    """The violations that fail the build: serious and critical ones."""
    return [v for v in violations if v.impact in BLOCKING_IMPACTS]
