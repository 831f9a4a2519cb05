package fr.interopsr.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the JDK gives for ES256 on this machine (issue 8, rows 5 and "where the time goes"): JWS
 * signatures made and verified per second with {@code SHA256withECDSAinP1363Format} (the JCA
 * algorithm behind Nimbus's ES256 on the default provider), on one thread and on as many threads
 * as CPUs, over a signing input of the size of a VI. Runs with the JDK's source launcher:
 * <pre>java bench/src/fr/interopsr/bench/Es256Rate.java [seconds-per-figure]</pre>
 * Prints one line: {@code sign-1-thread sign-N-threads verify-1-thread verify-N-threads N}.
 */
public final class Es256Rate {

    private Es256Rate() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        // a VI's signing input is about 500 bytes (header and claims, base64url)
        byte[] input = "x".repeat(500).getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(keys.getPrivate());
        signer.update(input);
        byte[] signature = signer.sign();
        int cpus = Runtime.getRuntime().availableProcessors();
        rate(true, keys, input, signature, 1, seconds); // warm-up of both paths
        rate(false, keys, input, signature, 1, seconds);
        double sign1 = rate(true, keys, input, signature, 1, seconds);
        double signN = rate(true, keys, input, signature, cpus, seconds);
        double verify1 = rate(false, keys, input, signature, 1, seconds);
        double verifyN = rate(false, keys, input, signature, cpus, seconds);
        System.out.printf("%.0f %.0f %.0f %.0f %d%n", sign1, signN, verify1, verifyN, cpus);
    }

    private static double rate(boolean sign, KeyPair keys, byte[] input, byte[] signature, int threads, double seconds)
            throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
                    long n = 0;
                    while (System.nanoTime() < end) {
                        if (sign) {
                            s.initSign(keys.getPrivate());
                            s.update(input);
                            s.sign();
                        } else {
                            s.initVerify(keys.getPublic());
                            s.update(input);
                            if (!s.verify(signature)) {
                                throw new IllegalStateException("a valid ES256 signature did not verify");
                            }
                        }
                        n++;
                    }
                    return n;
                });
            }
            long total = 0;
            for (Future<Long> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            return total / seconds;
        } finally {
            pool.shutdown();
        }
    }
}
