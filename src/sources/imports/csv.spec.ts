import fc from 'fast-check';
import {
  CsvParser,
  CsvRecord,
  CsvSyntaxError,
  detectDelimiter,
  MAX_RECORD_CHARS,
  parseCsv,
} from './csv';

describe('parseCsv', () => {
  it('splits plain fields and CRLF or LF lines, skipping blank lines', () => {
    expect(parseCsv('a,b\r\n1,2\n\n3,4\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, counting lines', () => {
    const records = parseCsv('id,comment\n1,"Hello, ""world""\nsecond line"\n2,ok');
    expect(records).toEqual([
      { line: 1, fields: ['id', 'comment'] },
      { line: 2, fields: ['1', 'Hello, "world"\nsecond line'] },
      { line: 4, fields: ['2', 'ok'] },
    ]);
  });

  it('drops a UTF-8 BOM and keeps empty fields', () => {
    expect(parseCsv('\uFEFFa,b,c\n1,,3')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '', '3'] },
    ]);
  });

  it('reports an unclosed quote or text after a closing quote with its line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"x"y')).toThrow(/line 2/);
  });
});

/** Feeds `bytes` to a CsvParser cut at the given offsets (anywhere, even inside a character). */
function parseInChunks(bytes: Buffer, cuts: number[]): CsvRecord[] {
  const parser = new CsvParser();
  const records: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    records.push(...parser.push(bytes.subarray(from, cut)));
    from = cut;
  }
  records.push(...parser.push(bytes.subarray(from)), ...parser.end());
  return records;
}

const everyCut = (bytes: Buffer) => Array.from({ length: bytes.length + 1 }, (_, i) => [i]);

describe('CsvParser (incremental)', () => {
  const tricky = Buffer.from(
    '\uFEFFid,comment\r\n1,"Hé said ""hi"",\r\nthen 😀"\r\n2,"ok"\r\n\r\n3,日本\n',
    'utf8',
  );
  const expected = [
    { line: 1, fields: ['id', 'comment'] },
    { line: 2, fields: ['1', 'Hé said "hi",\r\nthen 😀'] },
    { line: 4, fields: ['2', 'ok'] },
    { line: 6, fields: ['3', '日本'] },
  ];

  it('reads the same records in one chunk and in one byte at a time', () => {
    expect(parseInChunks(tricky, [])).toEqual(expected);
    expect(
      parseInChunks(
        tricky,
        Array.from({ length: tricky.length }, (_, i) => i),
      ),
    ).toEqual(expected);
  });

  it.each(everyCut(tricky))(
    'reads the same records when cut at byte %i (inside quotes, CRLF, "" pairs, UTF-8)',
    (cut) => {
      expect(parseInChunks(tricky, [cut])).toEqual(expected);
    },
  );

  it('drops a BOM split across chunks and only at the start', () => {
    const bytes = Buffer.from('\uFEFFa\n\uFEFFb', 'utf8');
    expect(parseInChunks(bytes, [1, 2])).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['\uFEFFb'] },
    ]);
  });

  it('keeps a closing quote at a chunk end apart from a "" pair', () => {
    const parser = new CsvParser();
    expect(parser.push('a,"x"')).toEqual([]);
    expect(parser.push('"y"\n')).toEqual([{ line: 1, fields: ['a', 'x"y'] }]);
    expect(parser.push('b,"z"')).toEqual([]);
    expect(parser.end()).toEqual([{ line: 2, fields: ['b', 'z'] }]);
  });

  it('reports text after a closing quote that arrives in the next chunk, with its line', () => {
    const parser = new CsvParser();
    parser.push('a\n"x\ny"');
    expect(() => parser.push('z')).toThrow('line 3: a closing quote must be followed');
  });

  it('reports an unclosed quote at the end with the line its record starts on', () => {
    const parser = new CsvParser();
    parser.push('a\n"open\nstill');
    expect(() => parser.end()).toThrow(new CsvSyntaxError(2, 'a quoted field is not closed'));
  });

  it('refuses a record longer than MAX_RECORD_CHARS instead of holding it', () => {
    const parser = new CsvParser();
    parser.push('id,comment\n1,"');
    const block = 'x'.repeat(64 * 1024);
    expect(() => {
      for (let i = 0; i <= MAX_RECORD_CHARS / block.length; i++) parser.push(block);
    }).toThrow(/line 2: a record is longer than/);
  });

  it('reads any CSV the same however its bytes are cut', () => {
    const cell = fc.stringMatching(/^[a\u00e9\u65e5\u{1F600}",\r\n ]{0,6}$/u);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 8 }),
        (rows, eol, rawCuts) => {
          const text = rows
            .map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(','))
            .join(eol);
          const bytes = Buffer.from(text, 'utf8');
          const cuts = rawCuts.map((cut) => cut % (bytes.length + 1));
          const whole = parseInChunks(bytes, []);
          expect(whole.map((record) => record.fields)).toEqual(rows);
          expect(parseInChunks(bytes, cuts)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('delimiters', () => {
  it.each([
    ['Response ID,Email,Score', ','],
    ['Response ID;Email;Score', ';'],
    ['Response ID\tEmail\tScore', '\t'],
    ['"Name, first";Email;Score', ';'],
    ['"a;b;c",d', ','],
    ['Score', ','],
    ['a,b;c', ','],
  ])('detects the delimiter of %j as %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });

  it('reads semicolon- and tab-separated files when told to detect, with quotes and commas inside', () => {
    expect(parseCsv('a;b\r\n"1,5";"x;y"\n', 'detect')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1,5', 'x;y'] },
    ]);
    expect(parseCsv('a\tb\n1\t"2\n3"\n4\t5', 'detect')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2\n3'] },
      { line: 4, fields: ['4', '5'] },
    ]);
  });

  it('detects from a header line that arrives byte by byte, and names the delimiter in errors', () => {
    const text = '\uFEFFa;"b\nc";d\n1;2;3\n';
    const parser = new CsvParser('detect');
    const records: CsvRecord[] = [];
    for (const char of text) {
      records.push(...parser.push(char));
      if (records.length === 0) expect(parser.delimiter).toBeNull();
    }
    records.push(...parser.end());
    expect(parser.delimiter).toBe(';');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b\nc', 'd'] },
      { line: 3, fields: ['1', '2', '3'] },
    ]);
    expect(() => parseCsv('a;b\n"1"x;2\n', 'detect')).toThrow(
      'line 2: a closing quote must be followed by a semicolon or the end of the line',
    );
  });

  it('keeps commas as the only delimiter unless asked to detect', () => {
    expect(parseCsv('a;b\n1;2\n')).toEqual([
      { line: 1, fields: ['a;b'] },
      { line: 2, fields: ['1;2'] },
    ]);
  });
});
