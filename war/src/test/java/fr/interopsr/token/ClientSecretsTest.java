package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Client secrets: 256 random bits, stored as SHA-256, compared in constant time. */
class ClientSecretsTest {

    @Test
    void generatedSecretIs32RandomBytesBase64Url() {
        String s = ClientSecrets.generate();
        assertEquals(43, s.length());
        assertTrue(s.matches("[A-Za-z0-9_-]{43}"), s);
        assertEquals(32, Base64.getUrlDecoder().decode(s).length);
        assertNotEquals(s, ClientSecrets.generate());
    }

    @Test
    void hashIsSha256HexOfUtf8() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ClientSecrets.hash("abc"));
        assertEquals(64, ClientSecrets.hash("\u00e9").length());
        assertNotEquals(ClientSecrets.hash("\u00e9"), ClientSecrets.hash("e"));
    }

    @Test
    void matchesOnlyTheSameSecret() {
        String hash = ClientSecrets.hash("s3cret");
        assertTrue(ClientSecrets.matches("s3cret", hash));
        assertFalse(ClientSecrets.matches("s3cret ", hash));
        assertFalse(ClientSecrets.matches("S3cret", hash));
        assertFalse(ClientSecrets.matches("", hash));
    }
}
