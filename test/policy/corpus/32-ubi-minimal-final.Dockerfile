# expect: fail CDL003 CDL005 CDL101
# pattern: Java on UBI 9 minimal with microdnf, USER 185
FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
RUN microdnf install -y java-17-openjdk-headless && microdnf clean all
COPY target/app.jar /deployments/app.jar
USER 185
ENTRYPOINT ["java", "-jar", "/deployments/app.jar"]
