#include "json.h"

void
esg_json_string(esg_buf *b, const char *s)
{
	esg_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
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
		default:
			if (*p < 0x20)
				esg_buf_printf(b, "\\u%04x", *p);
			else
				esg_buf_putc(b, (char)*p);
		}
	}
	esg_buf_putc(b, '"');
}
