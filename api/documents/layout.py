"""The page: an A4 sheet with the form's title, a banner when the certificate is not valid as it
stands (revoked, or a draft), blocks of facts and the labelled answers, and on every page's foot
the certificate id and the page number. One Unicode font throughout, embedded."""

from __future__ import annotations

from fpdf import FPDF

from api.documents.answers import Answer
from api.documents.fonts import FAMILY, embed_fonts, printable

LINE = 5.2
INDENT = 6
RED = (178, 34, 34)
GREY = (90, 90, 90)


class Page(FPDF):
    """A printout being written; ``done()`` gives the PDF's bytes."""

    def __init__(self, title: str, footer_text: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer_text
        embed_fonts(self)
        self.set_title(printable(title))
        self.set_creator("intyg")
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages()
        self.add_page()

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self._footer_text} · Sida {self.page_no()} av {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, title: str, subtitle: str) -> None:
        self.set_font(FAMILY, "B", 15)
        self._lines(title, 8)
        self.set_font(FAMILY, size=10)
        self.set_text_color(*GREY)
        self._lines(subtitle, LINE)
        self.set_text_color(0, 0, 0)
        self.ln(3)

    def banner(self, text: str) -> None:
        """A framed warning in red across the page (makulerat, utkast)."""
        self.set_font(FAMILY, "B", 12)
        self.set_text_color(*RED)
        self.set_draw_color(*RED)
        self.set_line_width(0.6)
        self.multi_cell(0, 7, printable(text), border=1, align="C", new_x="LMARGIN", new_y="NEXT",
                        padding=2)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.ln(3)

    def section(self, title: str) -> None:
        self.ln(2)
        self.set_font(FAMILY, "B", 11)
        self._lines(title, 6.5)
        y = self.get_y()
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(1.5)

    def facts(self, facts: list[tuple[str, str]]) -> None:
        """Short label: value lines (patient, unit, signature)."""
        for label, value in facts:
            self.set_font(FAMILY, "B", 9.5)
            self.cell(42, LINE, printable(label))
            self.set_font(FAMILY, size=9.5)
            self.multi_cell(0, LINE, printable(value or "–"), align="L", new_x="LMARGIN",
                            new_y="NEXT")

    def answer(self, answer: Answer) -> None:
        self.set_x(self.l_margin + answer.depth * INDENT)
        self.set_font(FAMILY, "B", 9.5 if answer.depth else 10)
        self._lines(answer.label, LINE, indent=answer.depth * INDENT)
        self.set_font(FAMILY, size=10)
        for line in answer.lines:
            self._lines(line, LINE, indent=(answer.depth + 1) * INDENT)
        self.ln(1.2)

    def note(self, text: str) -> None:
        self.set_font(FAMILY, size=9)
        self.set_text_color(*GREY)
        self._lines(text, 4.6)
        self.set_text_color(0, 0, 0)

    def done(self) -> bytes:
        return bytes(self.output())

    def _lines(self, text: str, height: float, indent: float = 0) -> None:
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, height, printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
