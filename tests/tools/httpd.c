/*
 * httpd — a tiny HTTP server for the `check --external` test.
 *
 *   httpd   prints the port it listens on (127.0.0.1), then serves until
 *           killed: 200 for paths starting with /ok, 405 to HEAD on
 *           /get-only (then 200 to GET), 404 for anything else.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET,
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK), .sin_port = 0 };
	socklen_t len = sizeof a;
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(s, 16) != 0 || getsockname(s, (struct sockaddr *)&a, &len))
		return 1;
	printf("%d\n", ntohs(a.sin_port));
	fflush(stdout);
	for (int served = 0; served < 1000; served++) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		char req[2048];
		ssize_t n = read(c, req, sizeof req - 1);
		req[n > 0 ? n : 0] = '\0';
		char method[16] = "", path[512] = "";
		sscanf(req, "%15s %511s", method, path);
		int head = strcmp(method, "HEAD") == 0;
		const char *status = "404 Not Found";
		if (strncmp(path, "/ok", 3) == 0)
			status = "200 OK";
		else if (strcmp(path, "/get-only") == 0)
			status = head ? "405 Method Not Allowed" : "200 OK";
		char resp[256];
		int m = snprintf(resp, sizeof resp, "HTTP/1.1 %s\r\nContent-Length: "
		    "%d\r\nConnection: close\r\n\r\n%s", status, head ? 0 : 2,
		    head ? "" : "ok");
		if (write(c, resp, (size_t)m) < 0)
			perror("write");
		close(c);
	}
	return 0;
}
