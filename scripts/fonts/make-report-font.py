#!/usr/bin/python3
"""Builds the Japanese font embedded in Mamori's PDFs (src/Mamori/Printing/Fonts/MamoriSansJP.ttf).

Run once by a developer when the character set changes, never at build or run time:
    apt-get install fonts-noto-cjk python3-fonttools && /usr/bin/python3 scripts/fonts/make-report-font.py

Source: Noto Sans CJK JP Regular (SIL Open Font License 1.1). The subset keeps every character of Windows
code page 932 (JIS X 0208 plus the NEC/IBM extensions hospitals' names use, e.g. 髙, 﨑) and ASCII, and is
converted from CFF to TrueType outlines so the PDF writer can embed glyphs by index (CIDFontType2). Under the
OFL a modified font must not use the Reserved Font Name ("Source"), so it is renamed.
"""
import sys
from fontTools.ttLib import TTCollection, newTable
from fontTools.subset import Subsetter, Options
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
TARGET = sys.argv[1] if len(sys.argv) > 1 else "src/Mamori/Printing/Fonts/MamoriSansJP.ttf"
NAME = "Mamori Sans JP"

chars = {chr(c) for c in range(0x20, 0x7F)} | set("　、。・「」『』（）【】〜～…‥※〒→←↑↓○×△□■◆★〓")
# Latin typography that Japanese text mixes in but code page 932 lacks (em dash, en dash, minus, curly quotes, bullet).
chars |= set("—–‐‑−―‘’“”•·")
for b1 in list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)):
    for b2 in range(0x40, 0xFD):
        try:
            text = bytes([b1, b2]).decode("cp932")
        except UnicodeDecodeError:
            continue
        if len(text) == 1 and not (0xE000 <= ord(text) <= 0xF8FF):
            chars.add(text)

font = TTCollection(SOURCE).fonts[0]
options = Options()
options.layout_features = []
options.name_IDs = ["*"]
options.notdef_outline = True
options.desubroutinize = True
subsetter = Subsetter(options)
subsetter.populate(unicodes=[ord(c) for c in chars])
subsetter.subset(font)

# CFF -> glyf (quadratic), the usual otf2ttf recipe.
order = font.getGlyphOrder()
glyphs = font.getGlyphSet()
glyf = newTable("glyf")
glyf.glyphOrder = order
glyf.glyphs = {}
for name in order:
    pen = TTGlyphPen(glyphs)
    glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
    glyf[name] = pen.glyph()
font["glyf"] = glyf
font["loca"] = newTable("loca")
maxp = font["maxp"]
maxp.tableVersion = 0x00010000
for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
    setattr(maxp, attr, 0)
maxp.maxZones = 1
maxp.maxComponentDepth = 0
for tag in ("CFF ", "VORG", "GSUB", "GPOS", "GDEF", "BASE"):
    if tag in font:
        del font[tag]
font["post"].formatType = 3.0
font["head"].glyphDataFormat = 0
font.sfntVersion = "\x00\x01\x00\x00"

names = font["name"]
copyright_text = names.getDebugName(0)
for record in list(names.names):
    if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
        names.removeNames(nameID=record.nameID)
names.setName(NAME, 1, 3, 1, 0x409)
names.setName("Regular", 2, 3, 1, 0x409)
names.setName(NAME + " Regular; subset of Noto Sans CJK JP for Mamori", 3, 3, 1, 0x409)
names.setName(NAME, 4, 3, 1, 0x409)
names.setName("MamoriSansJP-Regular", 6, 3, 1, 0x409)
font.save(TARGET)
print(f"{TARGET}: {len(chars)} characters, {len(order)} glyphs; copyright: {copyright_text}")
