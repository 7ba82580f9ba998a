#include "json.h"

void
esg_json_string(esg_buf *b, const char *s)
{
	esg_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* Most text needs no escape: copy it in runs. */
		const unsigned char *run = p;
		while (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0xe2)
			p++;
		if (p > run)
			esg_buf_put(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		switch (*p) {
		case '"':
			esg_buf_puts(b, "\\\"");
			break;
		case '\\':
			esg_buf_puts(b, "\\\\");
			break;
		case '\n':
			esg_buf_puts(b, "\\n");
			break;
		case '\r':
			esg_buf_puts(b, "\\r");
			break;
		case '\t':
			esg_buf_puts(b, "\\t");
			break;
		case 0xe2:
			/* U+2028 and U+2029 are valid in JSON but end a line in
			 * older JavaScript: the search index is a script. */
			if (p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				esg_buf_printf(b, "\\u%04x", p[2] == 0xa8 ?
				    0x2028 : 0x2029);
				p += 2;
			} else {
				esg_buf_putc(b, (char)*p);
			}
			break;
		default:
			if (*p < 0x20)
				esg_buf_printf(b, "\\u%04x", *p);
			else
				esg_buf_putc(b, (char)*p);
		}
	}
	esg_buf_putc(b, '"');
}
