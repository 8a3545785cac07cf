import { literalHostRefusal, parseDelightedApiUrl, withoutCredentials } from './delighted-url';

describe('parseDelightedApiUrl', () => {
  it('normalises http(s) URLs and gives their origin', () => {
    expect(parseDelightedApiUrl('https://api.delighted.com/v1/', 'apiUrl')).toEqual({
      baseUrl: 'https://api.delighted.com/v1',
      origin: 'https://api.delighted.com',
    });
    expect(parseDelightedApiUrl('HTTP://Example.COM:8080', 'apiUrl')).toEqual({
      baseUrl: 'http://example.com:8080',
      origin: 'http://example.com:8080',
    });
  });

  it.each([
    'ftp://example.com/v1',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'example.com/v1',
    'http://exa mple.com',
    'http://example.com/\nv1',
    '',
  ])('refuses %j, naming the setting', (raw) => {
    expect(() => parseDelightedApiUrl(raw, 'apiUrl')).toThrow(/^apiUrl must be an http\(s\) URL/);
  });

  it.each([
    'https://user:s3cret-pw@api.delighted.com/v1',
    'https://s3cret-pw@api.delighted.com/v1',
    'https://:s3cret-pw@api.delighted.com/v1',
  ])('refuses credentials in %s without repeating them', (raw) => {
    try {
      parseDelightedApiUrl(raw, 'DELIGHTED_API_URL');
      throw new Error('expected a refusal');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^DELIGHTED_API_URL must not contain a user name or password/);
      expect(message).not.toContain('s3cret-pw');
    }
  });

  it('refuses queries and fragments', () => {
    expect(() => parseDelightedApiUrl('https://example.com/v1?x=1', 'apiUrl')).toThrow(
      /query or fragment/,
    );
    expect(() => parseDelightedApiUrl('https://example.com/v1#x', 'apiUrl')).toThrow(
      /query or fragment/,
    );
  });
});

describe('literalHostRefusal', () => {
  it('classifies IP literal hosts and leaves host names to the resolver', () => {
    expect(literalHostRefusal('http://127.0.0.1:4010')).toBe('loopback');
    expect(literalHostRefusal('http://[::1]:4010')).toBe('loopback');
    expect(literalHostRefusal('http://[::ffff:7f00:1]')).toBe('ipv4Mapped');
    expect(literalHostRefusal('http://169.254.169.254')).toBe('linkLocal');
    expect(literalHostRefusal('https://8.8.8.8')).toBeNull();
    expect(literalHostRefusal('https://api.delighted.com')).toBeNull();
  });
});

describe('withoutCredentials', () => {
  it('drops user names and passwords and keeps the rest', () => {
    expect(withoutCredentials('http://user:pw@127.0.0.1:9/v1')).toBe('http://127.0.0.1:9/v1');
    expect(withoutCredentials('https://a:b@c@api.example/v1?x=@')).toBe(
      'https://api.example/v1?x=@',
    );
    expect(withoutCredentials('https://api.delighted.com/v1')).toBe('https://api.delighted.com/v1');
  });
});
