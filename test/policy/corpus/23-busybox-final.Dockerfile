# expect: pass CDL101 CDL104 CDL106
# pattern: a prebuilt binary on busybox, USER nobody
FROM busybox:1.36
COPY exporter /bin/exporter
USER nobody
EXPOSE 9100
ENTRYPOINT ["/bin/exporter"]
