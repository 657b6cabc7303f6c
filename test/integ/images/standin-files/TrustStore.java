import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Writes the JVM trust store (/etc/ssl/certs/java/cacerts) from the PEM CA bundle, which Debian's
 * ca-certificates-java does in a maintainer script that stand-ins never run. One JVM start instead
 * of one `keytool -importcert` per certificate.
 *
 * Usage: java TrustStore.java BUNDLE.pem OUT.p12
 */
public final class TrustStore {
  public static void main(String[] args) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int count = 0;
    try (InputStream in = new FileInputStream(args[0])) {
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        String alias = ((X509Certificate) cert).getSubjectX500Principal().getName() + " #" + count++;
        store.setCertificateEntry(alias.toLowerCase(), cert);
      }
    }
    try (OutputStream out = new FileOutputStream(args[1])) {
      store.store(out, "changeit".toCharArray());
    }
    System.out.println(count + " certificates");
  }
}
