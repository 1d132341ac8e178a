"""Tables of figures one under the other, each under its own bold title (an earnings
release's statements): each stays a table of its own, its title a line above it."""

from __future__ import annotations

from tests.normalize.test_plain_layouts import release

LEAD = (
    "<h1>Northwind Systems reports third quarter fiscal 2027 results</h1>"
    "<p>Northwind Systems today reported revenue of $612 million for its third quarter, up "
    "18 percent from a year earlier.</p>"
)
INCOME = (
    "<table><tr><td></td><td>Q3 FY27</td><td>Q3 FY26</td></tr>"
    "<tr><td>Revenue</td><td>612</td><td>518</td></tr>"
    "<tr><td>Net income</td><td>89</td><td>51</td></tr></table>"
)
RECONCILIATION = (
    "<table><tr><td></td><td>Q3 FY27</td><td>Q3 FY26</td></tr>"
    "<tr><td>GAAP net income</td><td>89</td><td>51</td></tr>"
    "<tr><td>Stock-based compensation</td><td>22</td><td>19</td></tr></table>"
)


def page(body: str) -> str:
    return f"<html><head><title>Results</title></head><body><main>{body}</main></body></html>"


def test_each_table_keeps_its_title_and_stays_apart() -> None:
    found = release(
        page(
            f"{LEAD}<p align='center'><strong>CONDENSED STATEMENTS OF INCOME</strong></p>{INCOME}"
            "<p align='center'><strong>RECONCILIATION OF GAAP TO NON-GAAP NET INCOME</strong></p>"
            f"{RECONCILIATION}"
        )
    )
    assert found.text.split("\n\n")[1:] == [
        "CONDENSED STATEMENTS OF INCOME",
        "| Q3 FY27 | Q3 FY26\nRevenue | 612 | 518\nNet income | 89 | 51",
        "RECONCILIATION OF GAAP TO NON-GAAP NET INCOME",
        "| Q3 FY27 | Q3 FY26\nGAAP net income | 89 | 51\nStock-based compensation | 22 | 19",
    ]


def test_a_page_link_over_a_table_still_goes() -> None:
    found = release(page(f"{LEAD}<p>Back to top</p>{INCOME}"))
    assert found.text.split("\n\n")[1:] == [
        "| Q3 FY27 | Q3 FY26\nRevenue | 612 | 518\nNet income | 89 | 51"
    ]
