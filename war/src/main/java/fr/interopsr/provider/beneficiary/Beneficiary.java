package fr.interopsr.provider.beneficiary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A synthetic beneficiary (table {@code beneficiary}); {@code nir} is stored, never returned. */
@Entity
@Table(name = "beneficiary")
public class Beneficiary {

    @Id
    private String id;

    @Column(name = "family_name", nullable = false)
    private String familyName;

    @Column(name = "given_name", nullable = false)
    private String givenName;

    @Column(name = "birth_date", nullable = false)
    private LocalDate birthDate;

    @Column(name = "postal_code", nullable = false)
    private String postalCode;

    @Column(nullable = false)
    private String city;

    @Column(name = "monthly_allowance_cents", nullable = false)
    private int monthlyAllowanceCents;

    @Column(name = "allowance_status", nullable = false)
    private String allowanceStatus;

    @Column(nullable = false)
    private String nir;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Beneficiary() {}

    void changeAllowance(int cents, String status, OffsetDateTime when) {
        this.monthlyAllowanceCents = cents;
        this.allowanceStatus = status;
        this.updatedAt = when;
    }

    public String id() {
        return id;
    }

    public String familyName() {
        return familyName;
    }

    public String givenName() {
        return givenName;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public String postalCode() {
        return postalCode;
    }

    public String city() {
        return city;
    }

    public int monthlyAllowanceCents() {
        return monthlyAllowanceCents;
    }

    public String allowanceStatus() {
        return allowanceStatus;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
