package org.handover.rules.referral;

import java.util.List;

/**
 * A phrase that, found in a referral's clinical text, makes it a two-week-wait (urgent suspected cancer) referral.
 * One row of a table an administrator maintains; matched case-insensitively on whole words.
 *
 * @param id            stable id of the row, e.g. "rf-rectal-bleeding"
 * @param specialtyCode the specialty the flag applies to (upper case), or {@code null} for any specialty
 * @param phrase        e.g. "rectal bleeding"
 * @param description   what the row is for, for administrators
 */
public record RedFlag(String id, String specialtyCode, String phrase, String description) {

    public RedFlag {
        id = Phrases.requireText("id", id);
        specialtyCode = specialtyCode == null || specialtyCode.isBlank()
                ? null
                : Phrases.specialtyCode("specialtyCode", specialtyCode);
        phrase = Phrases.requireWords("phrase", phrase);
        description = description == null ? "" : description.strip();
    }

    /** Whether this flag is looked for in referrals to {@code specialty} (upper case). */
    public boolean appliesTo(String specialty) {
        return specialtyCode == null || specialtyCode.equals(specialty);
    }

    /**
     * A starting list of phrases drawn from the themes of NICE guideline NG12 (suspected cancer: recognition and
     * referral), for any specialty. It only says which words should put a referral in front of a clinician within
     * the two-week-wait deadline; the clinician decides. Matching takes no account of age or negation ("no rectal
     * bleeding" still matches), which errs towards raising a priority, never towards missing one.
     */
    public static List<RedFlag> defaults() {
        return List.of(
                // lower gastrointestinal
                flag("rf-rectal-bleeding", "rectal bleeding", "Lower GI: rectal bleeding"),
                flag("rf-change-in-bowel-habit", "change in bowel habit", "Lower GI: change in bowel habit"),
                flag("rf-abdominal-mass", "abdominal mass", "Lower GI: abdominal mass"),
                flag("rf-rectal-mass", "rectal mass", "Lower GI: rectal mass"),
                flag("rf-iron-deficiency-anaemia", "iron deficiency anaemia", "Lower GI: iron-deficiency anaemia"),
                // upper gastrointestinal
                flag("rf-dysphagia", "dysphagia", "Upper GI: dysphagia"),
                flag("rf-upper-abdominal-mass", "upper abdominal mass", "Upper GI: upper abdominal mass"),
                // breast
                flag("rf-breast-lump", "breast lump", "Breast: lump"),
                flag("rf-nipple-retraction", "nipple retraction", "Breast: nipple retraction"),
                // lung
                flag("rf-haemoptysis", "haemoptysis", "Lung: haemoptysis"),
                flag("rf-hemoptysis", "hemoptysis", "Lung: haemoptysis (US spelling)"),
                // gynaecological
                flag("rf-post-menopausal-bleeding", "post-menopausal bleeding", "Gynaecological: post-menopausal bleeding"),
                flag("rf-postmenopausal-bleeding", "postmenopausal bleeding", "Gynaecological: post-menopausal bleeding (one word)"),
                // urological
                flag("rf-haematuria", "haematuria", "Urological: haematuria"),
                flag("rf-hematuria", "hematuria", "Urological: haematuria (US spelling)"),
                flag("rf-testicular-lump", "testicular lump", "Urological: testicular lump"),
                flag("rf-raised-psa", "raised PSA", "Urological: raised prostate-specific antigen"),
                // skin
                flag("rf-suspected-melanoma", "suspected melanoma", "Skin: suspected melanoma"),
                flag("rf-changing-mole", "changing mole", "Skin: changing pigmented lesion"),
                // head and neck
                flag("rf-persistent-hoarseness", "persistent hoarseness", "Head and neck: persistent hoarseness"),
                flag("rf-neck-lump", "neck lump", "Head and neck: neck lump"),
                // haematological and general
                flag("rf-unexplained-lymphadenopathy", "unexplained lymphadenopathy", "Haematological: unexplained lymphadenopathy"),
                flag("rf-unexplained-weight-loss", "unexplained weight loss", "General: unexplained weight loss"),
                flag("rf-suspected-cancer", "suspected cancer", "General: the GP suspects cancer"),
                flag("rf-suspected-malignancy", "suspected malignancy", "General: the GP suspects malignancy"));
    }

    private static RedFlag flag(String id, String phrase, String description) {
        return new RedFlag(id, null, phrase, description);
    }
}
