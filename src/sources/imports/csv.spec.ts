import { CsvSyntaxError, parseCsv } from './csv';

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
