#!/usr/bin/env python3
"""Writes small-annex-a.xlsx: a hand-made Annex A workbook (2019 layout) for the reader and CLI tests.
Dates are Excel serials with a date style unless given as text. Run from this folder."""
import datetime, zipfile
from xml.sax.saxutils import escape

def serial(y, m, d):
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days

D = lambda y, m, d: ('d', serial(y, m, d))
DEMO = ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', 'Does the Child have a Disability']
sheets = [
    ('List_4', [['List 4: Assessments'],
        DEMO + ['Continuous Assessment Start Date (DD/MM/YYYY)', 'Child Seen During Continuous Assessment', 'Continuous Assessment Date of Authorisation', 'Was the child assessed as requiring LA children’s social care support', 'Allocated Team', 'Allocated Worker'],
        ['A1', 'a) Male', 'a) WBRI', D(2015, 5, 1), 8, 'b) No', D(2024, 3, 28), 'a) Yes', D(2024, 6, 5), 'a) Yes', 'North', 'W1'],
        ['A2', 'b) Female', 'a) WBRI', D(2012, 1, 9), 12, 'b) No', D(2024, 3, 28), 'b) No', D(2024, 6, 6), 'a) Yes', 'North', 'W2'],
        ['A3', 'Female', 'WBRI', '03/02/2020', 4, 'No', '01/04/2024', 'Yes', '15/04/2024', 'Yes', 'South', 'W3'],
        ['A4', 'a) Male', 'a) WBRI', D(2010, 1, 1), 14, 'b) No', D(2024, 4, 2), 'a) Yes', '31/02/2024', 'a) Yes', 'South', 'W3'],
        ['A5', 'a) Male', 'a) WBRI', D(2019, 1, 1), 5, 'b) No', D(2024, 4, 1), 'a) Yes', None, None, 'South', 'W3'],
    ]),
    ('List_5', [['List 5: Section 47 enquiries and Initial Child Protection Conferences'],
        DEMO + ['Strategy discussion initiating Section 47 Enquiry Start Date', 'Was an Initial Child Protection Conference deemed unnecessary?', 'Date of Initial Child Protection Conference', 'Did the Initial Child Protection Conference Result in a Child Protection Plan', 'Number of Section 47 Enquiries in the last 12 months', 'Number of ICPCs in the last 12 months', 'Allocated Team', 'Allocated Worker'],
        ['S1', 'a) Male', 'a) WBRI', D(2015, 5, 1), 8, 'b) No', D(2024, 5, 1), 'b) No', D(2024, 5, 22), 'a) Yes', 0, 0, 'North', 'W1'],
        ['S2', 'b) Female', 'a) WBRI', D(2016, 5, 1), 8, 'b) No', D(2024, 6, 3), 'b) No', D(2024, 6, 25), 'a) Yes', 0, 0, 'North', 'W2'],
    ]),
]

def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def cell(ref, v):
    if v is None: return ''
    if isinstance(v, tuple): return f'<c r="{ref}" s="1"><v>{v[1]}</v></c>'
    if isinstance(v, (int, float)): return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
with zipfile.ZipFile('small-annex-a.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    def put(name, text):
        info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)); info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
    put('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    put('xl/workbook.xml', f'<?xml version="1.0"?><workbook {NS}><sheets>' + ''.join(f'<sheet name="{n}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i, (n, _) in enumerate(sheets)) + '</sheets></workbook>')
    put('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join(f'<Relationship Id="rId{i+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i+1}.xml"/>' for i in range(len(sheets))) + '</Relationships>')
    put('xl/styles.xml', f'<?xml version="1.0"?><styleSheet {NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    for i, (_, rows) in enumerate(sheets):
        body = ''.join(f'<row r="{r+1}">' + ''.join(cell(f'{col(c)}{r+1}', v) for c, v in enumerate(row)) + '</row>' for r, row in enumerate(rows))
        put(f'xl/worksheets/sheet{i+1}.xml', f'<?xml version="1.0"?><worksheet {NS}><sheetData>{body}</sheetData></worksheet>')
