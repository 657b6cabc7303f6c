# expect: pass CDL101 CDL106
# pattern: busybox with an entrypoint script run by its shell
FROM busybox:1.37-uclibc
COPY --chmod=755 entrypoint.sh /entrypoint.sh
COPY app /app
USER 65534:65534
ENTRYPOINT ["/bin/sh", "/entrypoint.sh"]
