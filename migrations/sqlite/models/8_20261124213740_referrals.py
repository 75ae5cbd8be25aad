from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "actor_id" INT /* the person; no foreign key: kept forever */,
    "actor_role" VARCHAR(32) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "subject_type" VARCHAR(32) NOT NULL,
    "subject_id" BIGINT NOT NULL,
    "field_names" JSON NOT NULL,
    "outcome" VARCHAR(10) NOT NULL /* OK: OK\nDENIED: DENIED\nREFUSED: REFUSED */,
    "request_id" VARCHAR(64),
    "device" VARCHAR(200),
    "prev_hash" VARCHAR(64) NOT NULL,
    "hash" VARCHAR(64) NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS "idx_audit_event_subject_097cc3" ON "audit_event" ("subject_type", "subject_id", "id");
        CREATE TABLE IF NOT EXISTS "partner_hospital" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "green_channel_contact" VARCHAR(100) NOT NULL /* person or desk */,
    "green_channel_phone" VARCHAR(40) NOT NULL,
    "address" VARCHAR(200) NOT NULL,
    "active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "district_id" INT NOT NULL REFERENCES "district" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_partner_hos_distric_68c614" UNIQUE ("district_id", "name")
) /* 定点医院 of a district, with its green channel (绿色通道). */;
        CREATE TABLE IF NOT EXISTS "consent_template" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" INT NOT NULL,
    "body_zh" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "requires_both_guardians" INT NOT NULL,
    "retention_days" INT NOT NULL /* how long the hospital keeps it */,
    "created_by_id" INT NOT NULL /* the district admin */,
    "created_at" TIMESTAMP NOT NULL,
    "district_id" INT NOT NULL REFERENCES "district" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_consent_tem_distric_f47f75" UNIQUE ("district_id", "version")
) /* A version of a district's consent text, in Chinese and English. Placeholders: */;
        CREATE TABLE IF NOT EXISTS "referral_case" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "concern_category" VARCHAR(20) NOT NULL /* EMOTIONAL: EMOTIONAL\nANXIETY: ANXIETY\nDEPRESSION: DEPRESSION\nSELF_HARM_RISK: SELF_HARM_RISK\nBEHAVIOURAL: BEHAVIOURAL\nLEARNING: LEARNING\nFAMILY: FAMILY\nOTHER: OTHER */,
    "assessment" TEXT NOT NULL /* the counselor's internal assessment */,
    "summary_for_hospital" TEXT NOT NULL,
    "urgency" VARCHAR(10) NOT NULL /* ROUTINE: ROUTINE\nPRIORITY: PRIORITY\nURGENT: URGENT */,
    "status" VARCHAR(12) NOT NULL /* OPEN: OPEN\nHANDED_OVER: HANDED_OVER\nCLOSED: CLOSED */,
    "outcome" VARCHAR(20) /* RETURNED_TO_SCHOOL: RETURNED_TO_SCHOOL\nRESOLVED_AT_SCHOOL: RESOLVED_AT_SCHOOL\nTREATED_ELSEWHERE: TREATED_ELSEWHERE\nCONSENT_NOT_GIVEN: CONSENT_NOT_GIVEN\nTRANSFERRED: TRANSFERRED\nOTHER: OTHER */,
    "outcome_note" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "closed_at" TIMESTAMP,
    "hospital_id" INT NOT NULL REFERENCES "partner_hospital" ("id") ON DELETE RESTRICT,
    "opened_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "student" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_referral_ca_school__0dc0d0" ON "referral_case" ("school_id", "status");
CREATE INDEX IF NOT EXISTS "idx_referral_ca_student_947086" ON "referral_case" ("student_id");
CREATE INDEX IF NOT EXISTS "idx_referral_ca_opened__99f4b5" ON "referral_case" ("opened_by_id");
CREATE INDEX IF NOT EXISTS "idx_referral_ca_hospita_58adfc" ON "referral_case" ("hospital_id");
        CREATE TABLE IF NOT EXISTS "consent_request" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "template_version" INT NOT NULL,
    "text" TEXT NOT NULL /* exactly what the guardians were shown */,
    "text_sha256" VARCHAR(64) NOT NULL,
    "purpose" TEXT NOT NULL,
    "shared_data" JSON NOT NULL /* SharedData items */,
    "requires_both_guardians" INT NOT NULL,
    "requested_by_id" INT NOT NULL,
    "status" VARCHAR(10) NOT NULL /* PENDING: PENDING\nGRANTED: GRANTED\nDECLINED: DECLINED\nEXPIRED: EXPIRED\nWITHDRAWN: WITHDRAWN\nCANCELLED: CANCELLED */,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "conversation_requested_at" TIMESTAMP,
    "case_id" INT NOT NULL REFERENCES "referral_case" ("id") ON DELETE RESTRICT,
    "template_id" INT NOT NULL REFERENCES "consent_template" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_consent_req_case_id_cd4706" ON "consent_request" ("case_id");
CREATE INDEX IF NOT EXISTS "idx_consent_req_templat_3aea9e" ON "consent_request" ("template_id");
        CREATE TABLE IF NOT EXISTS "consent_decision" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "relationship" VARCHAR(20) NOT NULL,
    "kind" VARCHAR(10) NOT NULL /* CONSENT: CONSENT\nDECLINE: DECLINE\nWITHDRAW: WITHDRAW */,
    "reason" TEXT,
    "decided_at" TIMESTAMP NOT NULL,
    "device" VARCHAR(200) NOT NULL,
    "template_version" INT NOT NULL,
    "text_sha256" VARCHAR(64) NOT NULL,
    "typed_name" VARCHAR(50) NOT NULL,
    "guardian_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "request_id" INT NOT NULL REFERENCES "consent_request" ("id") ON DELETE RESTRICT
) /* One guardian's decision, kept as it was made: never edited or deleted. */;
CREATE INDEX IF NOT EXISTS "idx_consent_dec_request_0d1179" ON "consent_decision" ("request_id", "id");
CREATE INDEX IF NOT EXISTS "idx_consent_dec_guardia_407258" ON "consent_decision" ("guardian_id");
        CREATE TABLE IF NOT EXISTS "referral_hand_over" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "hospital_id" INT NOT NULL,
    "data" JSON NOT NULL,
    "handed_over_by_id" INT NOT NULL,
    "handed_over_at" TIMESTAMP NOT NULL,
    "case_id" INT NOT NULL REFERENCES "referral_case" ("id") ON DELETE RESTRICT,
    "request_id" INT NOT NULL REFERENCES "consent_request" ("id") ON DELETE RESTRICT
) /* The case given to the partner hospital: only the data the consent named. */;
CREATE INDEX IF NOT EXISTS "idx_referral_ha_case_id_8db6a4" ON "referral_hand_over" ("case_id");
CREATE INDEX IF NOT EXISTS "idx_referral_ha_request_e816b5" ON "referral_hand_over" ("request_id");
        CREATE TABLE IF NOT EXISTS "referral_follow_up" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(24) NOT NULL /* APPOINTMENT: APPOINTMENT\nUPDATE: UPDATE\nRETURN_TO_SCHOOL_PLAN: RETURN_TO_SCHOOL_PLAN */,
    "note" TEXT NOT NULL,
    "for_guardians" INT NOT NULL /* shown to the guardians */,
    "happens_at" TIMESTAMP /* an appointment's or return's time */,
    "author_id" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "case_id" INT NOT NULL REFERENCES "referral_case" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_referral_fo_case_id_cefa8c" ON "referral_follow_up" ("case_id", "created_at");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "referral_case";
        DROP TABLE IF EXISTS "consent_decision";
        DROP TABLE IF EXISTS "consent_template";
        DROP TABLE IF EXISTS "partner_hospital";
        DROP TABLE IF EXISTS "referral_follow_up";
        DROP TABLE IF EXISTS "consent_request";
        DROP TABLE IF EXISTS "audit_event";
        DROP TABLE IF EXISTS "referral_hand_over";"""


MODELS_STATE = (
    "eJztXWtz2kjW/itdfJlMFfHGOLYzzNZWEYxjJhi8gDOTDVMaGTWgtWgxutjx7Dv//e1uXW"
    "hdkYQkhNxfAEl9Gjh9O+c5t/811qoEFf3kStYNTZ4bjTb4XwOJa4g/BJ41QUPcbLZPyA1D"
    "fFBoY4lt9YA/i7S3hajoEN+SoD7X5I0hqwjfRaaikJvqnBCh5faWieQ/TSgY6hIaK6jhB9"
    "9+x7dlJMHvUHcuN4/CQoaK5Pm5skS+m94XjJcNvddHxjVtSL7tQZirirlG28abF2OlIre1"
    "jOjPX0IENdGApHtDM8nPJ7/O/qfOP7J+6baJ9RMZGgkuRFMxmL/7IGzvNQRhOJoKk95UEB"
    "opGDRXEWEu/qk6/fdL8hPetk7fX77/cHbx/gNuQn+me+fyb+urt4yxCCl7htPG3/S5aIhW"
    "C8rjLVPpe4Ct3ZWohfPVae/jLP7Jfs46fKwua9fid0GBaGms8OXpu3cxjPzSGXdvOuM3uN"
    "WP5CtVPP2tdTG0H7WsZ4TbW+4a8hr+paJUHGZp8uGyc2PL5u2qdXna0WXxH5OViJYrUW6U"
    "wvKL9wk4fvE+kuHk0d9/k/1i8chMbnLjQZw/PouaJHiebAdGn69U1drhvOPy0Sa8/jyGik"
    "j/X3Ac7I1zQjspakQKnPl/O3POuWuvPM/c1Q1xsdiTQaSLjq7LS7SGwb03hFP2+j8qRm1E"
    "zcB/Slip+kY2xH1n1Z3V3Y3dW12nF3mK54RgwPUGswTuybWu1d3U7q1OXCP7mdpSo3a44K"
    "N1a+2/IyJxSf8S+W7yTTbbPpm4C1lE+krehMmGnuex8uHS33KXjNjoAIcGvBEBXkV4/IA4"
    "n6smMn4EioweoQQMFYhAN0wJPzxp+BiZsYsQGfRbw25AJ47dZ+N3n2j6zX0kWPKlTUSufu"
    "dya5lyq2bvCM50C0pXPWSuKY/7+IeJaA4DvPb3UZ60lZ7xjdvR9KY3bgPrfYauO9a19T5D"
    "n8ad4dVdZ9wbTtuAuZghm5C++VdQEjGtlUQwbkXLxa2AWDzXIGGoIBrBobvCT4gIHL48vJ"
    "S+AZNs0hPnQ3WGL+0pEMbqaf+2N5l2bu9I92td/1Oh/OpMe+RJi9598d19c+EbFrcT8Gt/"
    "egPIJfjPaNij7FR1Y6nRb9y2m/6nQX6TaBqqgNRnQZRYnji3nVueYfZtlgl3QB/V7q3wCE"
    "Y1n92Qlc3dcyc5Y71EnK82XwP6Y4DNQR5fqxrESs1n+BI4YaI0oa10cVwsjhJL8W1NfHbF"
    "Hd/swhzA/xsa1mncmXQ7V71G6OaQA3PvdVihkzp3zvo2xHDWRoMeRaoPNgISojhssZFolU"
    "HftskVUP7mAavpD/NL8lxYfz0g86HPKA4z1wFmZvntbC/p5C8fFRfAdgtg7D6+p5DAWjmP"
    "jMlJBQXfBPMICmOszY373WmcpMAo6Iqo6/tCspYI0CVd1Yjp3EaSjVFUO9h3RtVOi/IwSU"
    "RINfEmtt6fUx2mq7qyS4MLqGmiIszFvfeqsd1XF3dVJ34Vr/xZ+3ukBuhu/7vUQGHuttxp"
    "OZqZl2dQwq9QvATqAmAxFli9ABmxVy9Q1IJWo/Tk4RYjV321/wFpHqlxfmNbcYMR10EPp4"
    "OeJ1FBz6M10POAArrURCmEu5O1qCjRQL9DVCdN6Kx1eeFOXXIRN2snt53BIIju4+1WeBBR"
    "yC6QzK7J0ld5+jY+94dXvfGnznjaG7YBezVDd+P+bWf8VRiMfiXWS8/l9un93R37lF7O0C"
    "/3w/5oLNz0P920AXMxQ5Me84S5qIZd1D4h0ll1WJo6raT8jGXeczc1axlCzt8ERjNXLNrX"
    "ZlY398qm32TGLt0ItCZiIufG3q92Z/VmMbOE90DFONrD0Z78mHQ4tOdYplTx4AXd/SKxC2"
    "dv3AldODtyEuTi/OHiAr/Cy/dNAE+WJ1iMbF28xS+XTbDQ1DWYwI0B1w9QI46rHXNp6iGO"
    "r3v0wyOwODBRFdYWrU8ZomboghriZETcTKPc5BiiOA/T4z2YwhhMPEZ97INISss8huTVsS"
    "5TIBq3tCaTlgyorffk0hR3USf2FCoe+fSUMBkpqMrECEqksSB6WyeIENpATVfRDzrQVAUC"
    "EUngGcssEMgGwF+myFBvAxHQRdQkUT6W3UbV8GfHGyIsaiivbkPtQqbtjkr6pt/NeJ4EbE"
    "aW1StoLGJ9OfDDbwxYwF5Scm5NKj/8yB7bTGFHNm2lofnuoDOZCNNep0uDhzyXM9Qd3Q8n"
    "vcGIPHE+ztCg153ej0lz59MMTbo3o9FA6Fzd9odtwF7N0FXfQl+cp97rakDyh3P1q5iWXh"
    "AqX7Kt43Uw1T0VUrOWpeQMDjKYnO3pGMtQcOvRbuuRIzzxkKA4swYzqXZHWh3GibpiG0Ee"
    "PtSh3C3f3HmknI22dsbwdesVmAt3k0Ikx81i9hCvVLSgbdALBRNcW18ciLBtlHPAIKOX23"
    "GsSI124eRa92G0bmZsAsyNNph4qSqtdbtmvbPFZRNY3waeZWMlIxeGyqIXv0+iF7+P1ovf"
    "B/Ri7k5bpDstxP8rRAxOhi9tqavM7MZ177Yz6LWB9T5D1hV5zTLDT5OF1cZE1foH4UHWjJ"
    "XgWKuSGsC8VK/OBnZ4hKdqPKsfxFNHDnN/1sP5sx5GxTtyJkfqeOlcWtmsjXua1/2pImvC"
    "f8+MldGTbFg5A/djVt/tqK6ssvO77psMV1Xk+UtnqcG6ObfySObqeLtQz6AQVMrxGIqGpA"
    "ynRWLP34vL04VfpY+MU05CEoNnxUckc+zq9bj5HlpELxiN4o6+3NH3oCAHDy4tUxnnIZD5"
    "hUAe2CbYMY3VBOq69ecDEhj7OFYQE3FDQWda7hTIRiTPC54uUHqL5SoJPslz+DOQDR1gcV"
    "yD+goY6iNEOlio2pp4A68wk4GxEg0gkzZPKikuIOr40fNKVWBQfivkG3aHb31z3UO4ebJU"
    "EY+ntc9yqB5dWnt7YWYYZi9lDsNcTbCjVqOMV6YeJhpHa25Bykw6XMXGtmgVjnvWcs/aCk"
    "jLOz1rk1hVbPFOsMS7vfFc0teUdFUjvheK5zLWlRCdwmt7iVYpZG+7BNGKKoJvyckN5rg3"
    "J4AQGFCcY0kdLOUnSGT5hbiWlReSlYEUKANu3bJdpc5y7j2JIsHWNyNRh7Kum/hke3hx72"
    "hQIqYZ9x7XOErVONSwtIvRoonTvna5I04vkrh/+eVJxv3rgtcoe5ViPvy+kXF3GYbZS8mH"
    "udLD7B5TWZR2DynX2qs8zh4BJYW84SPj+mSI56lP1EvO3SAhDy3mNR0PZUHkNR0Lq+nobq"
    "McZ9rFWv+Js5u5zC5aHnsrtucm5W7wxPHwF/8MMLwfDA5l9B6oSxlNV5pqGJTLAYjK26AZ"
    "h1IppKlgsG13IlXXoqxAidqm38pIJ+mwwAZPEtz0EUtWiGS6QqrRBLoKFHX++FY1DaCLLz"
    "q5u8IDBMQHcut5pQL4XdYNPYhXFfQde2Qvpd+eBi1xCWoHl+SVJykamVrg4Te1MGfmSFmG"
    "JSlPknlXYTGG3f4VUTcEm0UZtNgQcq7JVlmTJXsiPsBMZMghwWc7BttHy0e6aiMdUFAOI4"
    "j4w2tCRJGQCJxoYWRDGwuip/VOcWS6gkCDc1WTSDU2cZud0+3Hsl5ZvYMn/BhTgjcikprE"
    "d466zskKvsDCgg4BOZR+DEokxX1NKp88mr2Tsatxi1mZFjP8C8x1qP6fLLkCS1/l0IzG3b"
    "j/pdP9KtyNBv3uV1oii7meoe5Nf3Al4A2wI3RHw0lvOG2D4D3/IkoiXJ4lES7PooXLs4Bv"
    "kL0U08juDEmVh+nA8jtbcw7vgVnMIx5CbgWrnKRRBYi5YsIjTwpaRY5y18WiXRdDtoJSzS"
    "AV2wbytIIcRn3z+IaG6G5+39Foxc3jsZpIa4tmcyLHQitSiytApStAdISFlaiv0ojTXqra"
    "4eEX7xPI0xfvI+Vp8oi7D75CiZq7D76KYcaiVZalzJBxCL7K48uII8klDi8R1+MS+F5t4/"
    "P3VDp8eQGOjM2JNQ/PDKuS5kFV6RCNw1GxYxI1bDaCo88XqmRwtaJMtaKOzjWN3snpxfss"
    "JpD88XmePqzAfOsbUdefVbwnplWLA4T1i/RvvUs2l+Mmc4DhMtZ75ob8FDKlP6qqAkUUFa"
    "fB0Pl4/VBgcmVnMylXjP44Gg08EvTH/tTH5Pvbj73xm1PKe9xItoSDoImCwxFZBuAo9JgU"
    "rkQ873NyWdxrHXcLF+9bqTtYNLmO/LIVlz2ZVU8lLyxihucVT8wxN7TjMDyrmKyWbPdy/B"
    "tLT8Z+lDNMREg10TwPjnWYrurKLm/yekHd4P8YgrDwHPah9RHwt8/lHM7KrtXdld1bXbmG"
    "VENeyPM8tv0h01Vd2bUx9ZWQUyUO3JU9yWrNLfxn5SeoyfvW4SD8urL6eqk5w0he41y4RT"
    "qqNa829LCEKBd+3bmd1YlnqaxWW/b+acrQEFaqqcVwdoTgVMUvu/n7b9LdjdNbTXSClDa+"
    "vgTXG9XAE+xlTMOmGmHJFAONmrE5FbfNBW3bPvdqzlgKJR0/whde9uawJZudoUhqUnEJqm"
    "y5or7W7X/K0r9IGgMRqehlrZp6FlNh/pmUyaRPwXC7eZXZndF0dZrIdHUaY7o6DZquNIj/"
    "qW6kNhX66WrI7/y9aHVDNExdCE9zOlmLihITtuQhrVHc0lnr8sLdpslF3A49ue0MBmG53P"
    "QNUeaEB1UK2S2m8HtkLjcfYR0s3nEmwN5vU4/1z5mub247v/3osQAORsNPTnNmencHo4/c"
    "GvtarLHsMKvPKCxuLfqMcAnqsKh8QeGtJEHhreig8Jb/bFCgiLehbPlRvKTcN7tqq6gi6V"
    "E85puw6mQ+806M16u/ZcHhdb4i4VbSEbc8O70kFdNUXiYsUswqLgJPthP1JQ6+cwhqqDMU"
    "oqOlFWr3kmWrxl8uzB7FUBzDMezxinCPi+QngoeGB0iFJf12z+TkXPXQcK5Gc9UVf1Lzlq"
    "WsEXJUbFXmIJszFmQ+whmcOKKPXbsJsrQw0zE39nad3o5rDqdkMbuEdzPaOqlyYHHNcwx5"
    "TnQPW8dYwhj3u9NDRaT+oj40QlR0crsZp5n/126QqF74RoZzSLKHSuqa1Op+VrVHkjRUMx"
    "EQDfAHfsfS7B9N8PACsHIOViKSFKgBDS5l3YAalGgi0T8e8TD/EV4wPP+vCDWRk8dRFvJv"
    "tvGEPLe+jnxKDRR8lJevBSv4qdU6O7tsvTu7+HD+/vLy/MM794QNPoo7aj/2P/WHPqVrN6"
    "LgDGZik6/dvsr6boOZ3D/ogPzVJoAnyxMwJ245UD/RIMVx/avoMJbKEo3u5ZzL+PKtZG4U"
    "4iELdfAsk6IMQATO3EkN9LQ+JAF6Wh+igR7yzB+4+6KoYsjc/2UyGkaF7LokfsRBnhvg/4"
    "CCt9GilkHjnwsTzQmHwYMpK4aM9BPytf9qpBwcndi+AfmX5KiQJb0JEHwiJTZoUmtRodmp"
    "k41TzLCQL4gHjPzYUNOLPJAO/IDR9nAJrpbdCZi31OXtXo273vCqP/yUdpRssjawP8zQ1W"
    "jYawPyOkPXnf6gd9UG1vsMdTvDbm9Ab7kfM620ZIhqDKAa8HlxhYA08N6W6nigPRJgQEWt"
    "B4ilKNimIhbWKKBkKrhvLFgRaVVdLPZeWscHABoGXG/CwgjiHXFYusqWdWlgdVFe66QY0U"
    "LUmkTGQPgHEYmbPkm4DvNz0CErOivH/bTlcf28WDE7D8Zatv/Urhk+sgoLbpVx3uMOGq/j"
    "YOAGwFcxzAsZyfoq0zj7SPlyrvI400pxUNPC4PCY89FDVb/j8TyRn8p5jJ/KueWnUhXXNl"
    "OSjd5TlGPb9mkz1q2NtBPgU0lebebDf+HcsKYVfuhcW2Ayx6cri09nqCrEJYLqnxR4paf2"
    "CGJIKuxYQY0PFpT6M0AqsagRMzB4hC9t/LIx6J0nSxcs37/F4qKmpnMj9VJV2fZTmRgDce"
    "6Eiadgcn3LzhUQ4Oc70pOy2U9XQ2bnP5u98lJyYchLVyePw1LkIlaFJpTkKgTTjTZZ+siq"
    "YbYk35fWbJmHlFSISVI1jbkalWB7t02SIa/yRtQYfW6D0ecZuuoN+8TMaL3P0Lh3fT8hN+"
    "wPFbE62hHzYdvV7jj70M2qBkBE/mew5OZdSsrjLUX9+FtIvvMNVhbSJ5dniaq8r1RmJqfl"
    "MK9nF8vaikCVd6Jm4JG4UfWNbIhKIwSv9DdpxoGWG6uxsGJb73T/nZnnDz+JM/Py3cNP+P"
    "PZ2cPM/OniokX8r0QgyWR85kaTOsoB2dABSZOLwHwlIgQV8AZTwsViZn5oXbYw5btTkbye"
    "n/0YdAMu9qtC3YGdTkkDylueNeuQIcK82kuxAcJ0wQj2giFRD4Y4D8Gooxke2UGVR6BhIZ"
    "rEiw0/eMwm5Rc+GqkrSUWQV3kkMq6F/HPFiZKE1eIIZ9wIhHNLUqIHblFIQwnCf6ZKR7zM"
    "ES9zxA2PEYZHR1pNZ3v0UdUJxy4qsJtVC/YMjL1iujoyJicNjvVNsNThscw+RkpphJwYvI"
    "ZGuvzgKZEGu77BFK43mL2wEYI0+Js045AGp8aHwbbeiTR0wBOW04mxxaPv/6ADuz9gwO9Y"
    "/ZcR6K5kBHUIRCSBHloqsr46AXeKOIcrVZFwL+0AuJBr7zP0P90wJUxF9mcr8p58cqAV9r"
    "OjJZF7VPHFp/haJ1cbU8MnBN7icXcaXi+IcEKQxBf6FH7fyBopLIP+PgFTEhQqL1dQN9z/"
    "Ies0SgeL/eRHL1RtDpMBHXYHHOs4KNbhjEJyzjIU/BAPkYJJOjPhrxAkPD4Dmk1SC705Tt"
    "otIgka5R8MmcQ7WA7r4ypUNsuJoZceDA+qsRLcgqYp9eyYXkpUvN07R6t5e8/tFJt5kLC8"
    "Pf3sImXAYmOlPgNFRUsr9Yot2YBHCDc6kI2EiGrO270DXTy8pNOHA3RVPkypR64jvAFRWs"
    "vosNzmEBOHmDjExCGmY4WYbD+5fMqOjq3OasT4QnEmDzYXAjL5sbtohMlTfDcRvBTNmRSJ"
    "5a3ZZ6fi+Z0ml7dgIDe7vFUG2JYt6B0XB+IZ58uGWPDXzaGGBJLKa6lqEZnKdvs5h/VTZd"
    "210bsdTfujYWfQBu7HGeoMf+v3pl/bwP5AHKLv8O45wc+JU7TzeYYmvcG1gPXUW2Hcn3xu"
    "A+/1DH3s3XS+9Ef3Y/INzMUMDXqd8ZDmfnI+kYRPt/3BV5LwibzP0Gh60xu3AX1LKMz6rN"
    "WJjNUxtuqAqVrXoa47RSqSIhleqkpPCKJFkNw+OlRUklYQMxZPaKzCef9D9dAO3VyvRe1F"
    "WKhex8WkYxRFXwMXjrKHwtSWpH5p1k2UIa/0UhmP7qd9kq3O/jBDd+P+aNwnG6fzaYbux5"
    "96w2kbWO9ZdrH8A0eOMMHg6K43TLk+KA0+PfDrDN10hle9K2H0hRwozMUM4QlMQ3us90wD"
    "lCQQ8TQ6EPE0EIh44HCrkmLIx73p/XiIB2I6Eibdm9FoQAKs/PdI9NVkNPiC73WmTDv/vR"
    "majnudKb7VG0x6v2KRAS/NwC083qPhBK9E+ss+9b+QKRK4RfrqDCfXvfGYTA3moopCiT3c"
    "AlKNkCkTfeT56So8Vyp71nG0M9NQHBvaaW6kjMPspeTDXOlhniuqnm0xs4Q8fVuVx5iF2Q"
    "KjHImk+ai44SLE8ueBNJOz1k/GecvroJXF1S0on4KtHiLOV17+rIzyZ1vjZcgEzoO1257q"
    "ylvPuk3AXPdgyoG9NS975j/DE3A3GqRPzdyQ7AY15bNPDN0ngsYOveBuDvFuDt70KUgSVO"
    "Jdvx+3bnA/o6dabQgePi1URcFKmbnZk0/XtJ/7TZ34VEJ4lrMKo6OzmHW6OzhLYxoX6zxD"
    "fHRcdxgnJoy7w5TuDuOyPn3oURgpV5FCVE8SRJjGWOO0r7RJHH7Hm4PyAp5XokEjANx4Ef"
    "AMNQj0lfqc0C29bEMO4a+gr8TW+UW42TV6WBiyKo9O8qlecBY6O5w1zexnSGrB4tK9o/AE"
    "xvqZU/PSy/boxLo+svIT62bYgyb0N1/hnwxoAPXe200hCXXrFJx3mHWSa2welXAz2C5CKL"
    "m0Ewq0H53HWW4lbT+NO8MpcSOyPxBv6u6gP7QSTFufZqj3212fOhvZH2aImEKvxp1fh23g"
    "fqxyEVzuCpPpuD82+7mTbiT9MHsp+TBXepjxXyMqPEXohO0xl2Fxx3XEXWUqPQdsPC65PM"
    "RQcDkoFPXZgprJueqj4pzd7XLghHvuaVmsaZK4ps+syCzbBJZbNlvbnvwNyRZXUxb71vAe"
    "llsJzmUCredjsr2ye6sR67nNtjq2SHd6RRsj2Rm42xopsa13poocoa0N4gcdOMRNq0alSH"
    "ISgWf8thYliP8CqVgJoCTjobWSwJMVKgULUOTXbRKzqLdik2Mfdb6f20dLt49q9m6hr+RN"
    "GmORn64Wpoyio9se8f/KChw6tFVmdMOOPnTDEF180IUHt1jgFgqsBuanQVEP8w+ItuRtKX"
    "i4YXo7HjlppEwwjJeSg2+VBl5KrzhYtcEsoeoId3IqSnDiTjUHcKohXVg1kFNx2kNVQ0af"
    "J9k5zqM3jvNgMS5G70q+Zfio+G4R7YaRyQOD8zUxNM74c+eD3tYv6qPpA2+9kywBRO4s9x"
    "yYXPPIMd/GmBoXLxLDdDHfEPCSxYMTpB91YehkuCUp40KMMmApP0EEDJV6U9uFed286m2g"
    "IuWFPiJYFbCS91lFasjPDUEu8+w4dUgHs4w4YlkqYsmTXhQltKR1qT4mX+o8sJdCvKfJbg"
    "qt/TS1y24oLZ/aIVOb5VR6wDFIzUHHSoOO3NuLK7TV5Sv39TqIrxcHC4oBCw6j0LoJFUIU"
    "WjbZQgKF1s3xkEihjWZyGiWy6QkV4SpkqSpk7f0wOnd3I8yGW+qLwVzM0P0dEdDawHonCa"
    "lJkuptimrhbtAZOrmrfbf9CEwie2cS61Ar2jrUCliH0qaG3isldEU37tKcNEgJiawRvQHa"
    "SsfxNmhCBwdF9PzuqsT2rvBZBlGWcDUv5dFEKjVEBPAvVzGbSbWWH3TicqpBw9SIq6rzU1"
    "+XaosfrvDCSiUXeGi4GsYrfeZ15Bzb4uG4EMcvKqRe78YvDqNbD1VDXshz0YiIdvE8b8bp"
    "2Mjfcqe5uAM2UNNVRAu2vcU947cH9TvA57/20qbCmQbnqiadgDtTXwFZZwy8qqo9QEUJ2o"
    "pz6zVEx/9Gqs/gzuyRxP3IG9mpjxkSAcM8ps1FCwKwrMreh5khgo/y8rWgBD+1Wmdnl613"
    "Zxcfzt9fXp5/eOfuacFHcZvbx/6n/tAnmyeot7lvnc1jqa/pVJYa9/59j/enbakp+8YM3Y"
    "xue8KX/qSPH24/kzJV9+NJbyJ0hlfCoDeZYDpCHbhJ0AhSmqozEByYwneD1PMcju6H3Z4N"
    "bTBXMzTpXNNSn9Z7FrTiLImL5Vm0i+VZpGt2+PSI98mu+pTI6jCchMkX0Uy+CDB5I2riOg"
    "SeiHZd2FKU77zQ+OfCRHPCQ/BgyoohI/2EfO2/GuVL8IW4NBiyoaSb8A5BDWd7IQEfD6oU"
    "cuBEY6BO+1rwt/xANbgRFBk9ppnSHqJasN0XjJCoUuh5TKnQ82Ct0ONxQKv9Hs4BsUz7z7"
    "EBYo72mXKMGbKjMSa8yvH1IBPJIQIPWZ1wz1LAAnZ5efGcxH5zXrI6jUBxoWA2z3KAn2se"
    "p+SfXh7suduZdDtXvUbINpIDZ1nkeOR2WlM+e3bRcCYfHt+3R2EHyr8dq2RYv7CdMckyW6"
    "2hruMfS/wvdIikJnjWZMOACMjICtkSFQVqxOqviUgXqeh9AjpAkvFsNlxyIvOTlFUBv41C"
    "vmSG3KWk01RZ1Kagqc/6z0AED5oqSnNRN8BKxaMCiDODKeHGcwj0DZwD+H1DAwvAg21okP"
    "WNaMxXUEsck7ZNJ546EI2bCLiJgJsIuImgGmcqNxG8KniJY6ocU311k97UlqH6aawX9Zao"
    "RPdp987R1kFyJO00U5+l2Wv6l+QdvVUwPHrFz7Svtq21JJNxyl4Kr7mI0tWI5kO1Ed/DJz"
    "6dm5quaukUxC1Nedjku5ScV8jKcBV0IEtbhfvNI3zRofFjwgE4LHasC87vzgIhe6krO1rc"
    "87960mmdDGFzFSvMMGvZJy8tN3lWbaQDdqFoXN0TSOri1XtW1PA7xB/nQo+vPoL/qPwENR"
    "nuySviX39l9fVSJ14VabAhPOsYBPQzGiGWGvZxM85Es8EN8Sa2bbnTNtMT5ytqFyFGExGQ"
    "DsB8JSIEFbBQNXzLnhcvTfAsG6ttvXSnlYh0UjA9JIFfzn0nsZc4HabP28fNJWWZS+z5me"
    "mo9tNyqaxyZ7XH9EHsrBtVCxnnGNsHS1RDGDj/ujOqaWAZNsLAtBtuYcirzO7G6HMbjD7P"
    "0P1w3PvUn0x7tAg1ezVDfcynQf9KmI4+94Zt4Lmk2VDGX2n2k/HXGbru9Glxaus9E1hzng"
    "SsOY8Ga879Q7kyjI0QhZ5N1vgwjc4W6SXNBAVUTG+xD6yz1uWFe0SRi7hDaXLbGQyCOADU"
    "NFXD3JJS2WG9VHUoA1R0cQfbiSbUITKaz16q+vG5kCghDRpY0hUXBtSEkN3iWlHFSPTQR+"
    "nj+IKQHh/PY1h8Nbr/OOiBu3Gv25/0bYuHKyvRh16T07jXGQSM2lvlIpX+4COsk7tvCbpE"
    "jFOwxOAMe3qu1hS2aPp8Vn1TsUpeq2QE7MybjQgQxHnc3AmCzJmWiUoYWOkhgLogSIWTS8"
    "IpJGCoFnrx5nkFURM8r+T5Clh1zJyrjarI8xdgl9kKWJ6K+I4ZEhHtTTZ0CqBIeKhF5QSM"
    "1WcdiBq0y7naRVzbTBuAl8N6o4M/nFsIK9R/JIZZTB066abYDqwkF9Zv5pUTSk97aU2P6C"
    "Jx0eJXkLLKimBl9O6lJqJsOJaXkqNYlUaxPFtcyoH203LbYpVHent0JT+dPDQ1Al1y88Bg"
    "hIWELGUo6qQrFRUaadrhjDwqMk7zYSbV7oDIqKrGGdVKp7Pj2giS65TMDujhLf4FYHg/GB"
    "xSpXSV+gidklX6dyiVLNyQLOyRanRYQ1O90Ynk0uLaz9TejUfc8IUIgrkiymsSVSiRlMjE"
    "LyNoYS/mK3bnQPSpeBEhi0g1hAe4wEuGXDmV9Zh1aDfdS2vkdvuy7Pav2ad7QmMNJzTG8G"
    "o8ursjdkP7wwx1O8Nub0Btie7HXMyLufuCe5dkGkXGS3k8Giv54YACbNavb4M/TRmSmG1T"
    "o/nmyUmjLhbJxqdOyo7tS5PazszS1cbfPA8TswJJvmf1GYWJ49Hgm4+sfsbP/I3MFstMZM"
    "hK2n3MR8rxmCpvUTx441UMMzmeM4wxQ8aXcZXHl0TqCdSVKtW56KGq37FYiE8QR7ALQLB5"
    "lsWDRspyA0LBBgSe/q+g9H/cpFCgScG/RXAT2N4msCRhtTb8IyjqMuQ4TBkoykQ11oTnhc"
    "eJ2ks/0prlbAw7bVluw0SWLKumFl5AijWuP+iW5clQHyE6AcS9kX4kpbWsMWoDDS5l3YCE"
    "j0A2wFp9giSvZrgdK+8vSOnHSLUNHcKtH6P3DndlLNOVkY50GmXRJcjHunRY5hafNY4kl1"
    "yo2jqrNY+lr7KraKM/mrQBfiFpQ6/Go/4VyRhKP1TDIEf34n3q1Xs6KNG0et29TWtWxSRt"
    "gF9m6Oa+82uv3wbW+wz91u+MbvG19T5Do7u7URuQ1xn60v+CP5NXkl52OBqTzLL4rRrjh0"
    "+tLA7XPrIqL6GM29ZZkl3rLHrTOgvsWYo6F5VU0ZtbihIXxl+rt91h2qXxsXsH3l9mmdJn"
    "SUKQz6JDkM8CIcjc6BLJ+tqB8o54m3Kg/bR8qCs91BxA5R7YdYGf7HDJHJKUMcGk9QBRw4"
    "LVy07ndiysKhqlu9PgAmo023QEUse0aO5E6zbexjsRuw4TX7xS5TmkCdeIT7hTbORngFRS"
    "ygasoYhsqE3WcZMgOrdvZ6H+5Mxm4NY/8TuTc8ytTMyNl7HhZWxiytjQfQgiMlZhfhBxNQ"
    "78pCVWOjiMhpBjoQNzI2XUxr2UXEXjKlqlR5OraMetohUpUf+bhOzckIidMGmaeRorSdPA"
    "H2HlNkwjRTNBQz5hl8ZUWuMFWq32u3dv313iV1JzcrIS0XIlyoDutHFydQ7dz9CtjEwD6k"
    "CXSakYCn6DtSwhebkymkBXaV/PeAbizrF0TlKsEtYAca6pug4kWVTg3IiMAeXC+QGF82yC"
    "12FkLofvRytz4UNAM4Q1XU5BjsdHx/lp63Q255KHFUkZOeul5Hz1VRnFZ8BfKkpXZZShKd"
    "FC2tFl8R/O4ZXSUprRGp1/CCLXy7Js0lwvOzZftCK0sjRKxC4NboTgVMUvBetvBx2EYrS3"
    "vTSyDtTk+aoRoo3ZT5pxmpi4bbNLCYtmEldRqqWiZHCDq7cLXOs8iW8WbhUd4Hke8M4iiy"
    "oFh+3mNeTuaaLw2dOY8NnTYPgs/kYjtIZzdFVhhqT8mtqHkeJyKxm8l2Sw72H29/8DoGTd"
    "5w=="
)
