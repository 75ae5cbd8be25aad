from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "district" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "timezone" VARCHAR(64) NOT NULL
);
CREATE TABLE IF NOT EXISTS "school" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "district_id" INT NOT NULL REFERENCES "district" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_school_distric_74fd71" UNIQUE ("district_id", "name")
);
CREATE TABLE IF NOT EXISTS "school_year" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(20) NOT NULL UNIQUE,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL
);
COMMENT ON TABLE "school_year" IS '学年, e.g. 2026-2027, from September to August.';
CREATE TABLE IF NOT EXISTS "school_class" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(50) NOT NULL,
    "grade" SMALLINT NOT NULL,
    "age_band" VARCHAR(20) NOT NULL,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    "school_year_id" INT NOT NULL REFERENCES "school_year" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_school_clas_school__f96edc" UNIQUE ("school_id", "school_year_id", "name")
);
COMMENT ON COLUMN "school_class"."age_band" IS 'KINDERGARTEN: KINDERGARTEN\nPRIMARY_LOWER: PRIMARY_LOWER\nPRIMARY_UPPER: PRIMARY_UPPER\nJUNIOR_HIGH: JUNIOR_HIGH\nSENIOR_HIGH: SENIOR_HIGH';
COMMENT ON TABLE "school_class" IS '班级 of one school in one school year.';
CREATE TABLE IF NOT EXISTS "student" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "student_no" VARCHAR(40) NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "gender" VARCHAR(10) NOT NULL,
    "birth_date" DATE NOT NULL,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    "school_class_id" INT NOT NULL REFERENCES "school_class" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_student_school__95ddf7" UNIQUE ("school_id", "student_no")
);
COMMENT ON COLUMN "student"."student_no" IS '学号, unique within a school';
COMMENT ON COLUMN "student"."gender" IS 'FEMALE: FEMALE\nMALE: MALE';
CREATE TABLE IF NOT EXISTS "term" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(40) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "school_year_id" INT NOT NULL REFERENCES "school_year" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_term_school__bf2480" UNIQUE ("school_year_id", "name")
);
COMMENT ON TABLE "term" IS '学期 within a school year.';
CREATE TABLE IF NOT EXISTS "login_throttle" (
    "phone" VARCHAR(20) NOT NULL PRIMARY KEY,
    "failures" INT NOT NULL,
    "last_failure_at" TIMESTAMPTZ,
    "locked_until" TIMESTAMPTZ
);
COMMENT ON TABLE "login_throttle" IS 'Failed sign-ins per phone, known or not, so lock-out says nothing about who exists.';
CREATE TABLE IF NOT EXISTS "app_user" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "phone" VARCHAR(20) NOT NULL UNIQUE,
    "name" VARCHAR(50) NOT NULL,
    "password_hash" VARCHAR(200),
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON COLUMN "app_user"."phone" IS 'E.164';
CREATE TABLE IF NOT EXISTS "guardianship" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "relationship" VARCHAR(20) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "guardian_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "student_id" INT NOT NULL REFERENCES "student" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_guardianshi_student_0e0efc" UNIQUE ("student_id", "guardian_id")
);
COMMENT ON COLUMN "guardianship"."relationship" IS 'MOTHER: MOTHER\nFATHER: FATHER\nGRANDPARENT: GRANDPARENT\nOTHER: OTHER';
COMMENT ON TABLE "guardianship" IS 'A guardian (a parent account) linked to a student.';
CREATE TABLE IF NOT EXISTS "staff_assignment" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(20) NOT NULL,
    "district_id" INT REFERENCES "district" ("id") ON DELETE CASCADE,
    "school_id" INT REFERENCES "school" ("id") ON DELETE CASCADE,
    "school_class_id" INT REFERENCES "school_class" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_staff_assig_user_id_456404" UNIQUE ("user_id", "role", "district_id", "school_id", "school_class_id")
);
COMMENT ON COLUMN "staff_assignment"."role" IS 'CLASS_TEACHER: CLASS_TEACHER\nCOUNSELOR: COUNSELOR\nLECTURER: LECTURER\nSCHOOL_ADMIN: SCHOOL_ADMIN\nDISTRICT_ADMIN: DISTRICT_ADMIN';
COMMENT ON TABLE "staff_assignment" IS 'A person''s role and where it applies: a class, a school or a district.';
CREATE TABLE IF NOT EXISTS "auth_session" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(40),
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "auth_session" IS 'One signed-in device; its refresh tokens form a chain that is revoked as a whole.';
CREATE TABLE IF NOT EXISTS "invitation" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(16) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "redeemed_at" TIMESTAMPTZ,
    "issued_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "redeemed_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "student_id" INT NOT NULL REFERENCES "student" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "invitation" IS 'A one-time code a class teacher gives a family to link a parent to a student.';
CREATE TABLE IF NOT EXISTS "policy_agreement" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "document" VARCHAR(30) NOT NULL,
    "version" VARCHAR(20) NOT NULL,
    "agreed_at" TIMESTAMPTZ NOT NULL,
    "student_id" INT REFERENCES "student" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "policy_agreement"."document" IS 'PRIVACY_POLICY: PRIVACY_POLICY\nCHILD_DATA_CONSENT: CHILD_DATA_CONSENT';
COMMENT ON TABLE "policy_agreement" IS 'The record of a person''s agreement to a policy version (and, for a child, whose data).';
CREATE TABLE IF NOT EXISTS "refresh_token" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "session_id" INT NOT NULL REFERENCES "auth_session" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "idempotency_record" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "scope" VARCHAR(40) NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "request_hash" VARCHAR(64) NOT NULL,
    "status_code" SMALLINT,
    "response_body" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_idempotency_scope_7030bc" UNIQUE ("scope", "key")
);
COMMENT ON COLUMN "idempotency_record"."scope" IS 'user:<id> or anonymous';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXWlz4jga/isqvmy6Kp3tXGQqu7VVDiEdpgmkgMxMzzDlEliAK0ZiLJE0O5v/vpIPLF"
    "9grmAcfUmwpFe2H13Pe0j+uzQmBrLoya1JmW32Weka/F3CcIz4j1jeMSjBySTIEQkM9iyn"
    "sCGX6vHf0KltAC2KeJKBaN82J8wkmKfiqWWJRNIXQngYJE2x+dcU6YwMERshm2f88SdPNr"
    "GBfiDqX06e9YGJLCP0uKYh7u2k62w2cdJqmN05BcXdenqfWNMxDgpPZmxE8Ly0iZ3HHyKM"
    "bMiQqJ7ZU/H44um8N/XfyH3SoIj7iJKMgQZwajHpdXt6kFbS9Uazo7erHV0vrQBQn2ABLn"
    "9U6rz9UDzC57PTi6uLn87LFz/xIs5jzlOu3txbB8C4gg48jU7pzcmHDLolHIwDUJ3/MVgr"
    "I2gn4+qXjyDLHzmKrI9jfqEdwx+6hfCQjfjl6ZcvC4D8RWtV7rXWES/1SdyS8O7vjouGl3"
    "Xm5gm0A3SZOUb/JXglhGWZ7aDsJwQwB6N2jqlGTfjP9gji4QiapXeBvHyRAfHyRSrgIuvt"
    "TcwXg2epc4uEHuw/v0Lb0EM5QcPQ/ogQd4YLt8uNJ3j3rYUs6LxfvB28ibPtVLKrFtlhz3"
    "/z+5yf6o28UN+lDA4GGwIkqtAoNYd4jOJzbwJS3vjPPVCij5Ezktbr4lnjs3E0BWI4dF5J"
    "3FvcyUPt65RXYUJMR+Ykab0O5S9cs4fRksvW7ZIGfBlwBMEE2rzZAOz3yRSzT8Ay8TMyAC"
    "MAAsqmBs88KUWAXLOKBF7wR8kr4PQbr87Sn4ou7JEu2N6Y93tUfFGr4unYwbjGHwziPoph"
    "Ha3j/Ra51YEvPTQ799XWNXD/d/Gd5l67/7v4a0tr3D5qrWqjcw2kiy72BJ1/0UGSZXU8y8"
    "JHztLpyFmMjfRtJADVIYs33S3PEcwjeXiEJSMNZniiJ/6P/DTfqhN9EtSd2kO13dEeHkX1"
    "Y0r/shy8tE5V5Jw5qbNI6lE50izzSsCvtc49EJfg92aj6sBJKBvazh2Dcp3fS+KZ4JQRHZ"
    "NXHRoyJn6ynxRqZn+q1FeaASNSy6fCA2jV7cyGMiVy1qPVgA0LKVw9XGO0PQZzHOM7YiPO"
    "Jb+hWWyFSSOgAYE4LIjTmCdPtuHrnO5EehdHgL83Yu5qrLUr2m21lDg5bAHcJ4pytFJvHd"
    "nIhJgMbbquuUsNwVM8E3SDQCVN1wpoUGardrw/QjZC58EUWf+4tr19r1HKulcE656Mtz+9"
    "rMa/IlKKgC0nYPI8viFJkJ1LBwZyVqIQ6WAhotDi2lyrVuksYgqSgm5BStFWrNIVUVWBQF"
    "em6fWAcrSDTXtU4bSondrv5QGYStHn43MZT9f785JLrffd6dU5MvhfBK8AGQDOM4BbCzCx"
    "fDVD0I5b7lcXT7baz/UL7w1EcaUSKJVg37NBmJ9eZtEILtMVgsuYPjC0oZGAbnsMLSvd7u"
    "oLFYmYnp9dleddV1ws6rXtB61ejxtb+eSq9yBOmAWyuZlk+Tx339K3WuO22vqqtTrVxjWQ"
    "r7r4sVV70Frf9XrzV+FMCl0GuU+Pj3Kuc9nFPz81as2Wfl/7en8NpIsublelHOkiH24qb9"
    "VYzcguyxRpJG3PdxGsxWtBKwkqfDP4MOYkaFMXRtGCjI6jHgx56KYozykdeWvwfvcqKzbE"
    "0hDewEihlG+lfG8G0u6Vb2c8p+re/mhfqnr7c0wWzfuyVy7zv+jq4higk+EJJ0Zn5c/8z9"
    "UxGNhkDNpowtC4h2wR/KZNh1OaEDy3QT0qsl6p2nmBdtcaAoM2ozpJiGIQcWxpcTiS0KIQ"
    "tsOdapMAFiFpEfgQNlYFTxL5cNCttcFAuXKykSSG7PGGKHV4FUWCZ6f0KMK8kzhSnJwvIE"
    "qisA7DpTPsMpggmxL8DwpsYiEAsQFeOWdBwGSA38wyEb0GEDiD6FjsFHD9DsTmv313a9LO"
    "g21Vm+jXmHrxbqJu596Sazvm83C9NsrZsdfNCl5DrbVJwZPNteW4Utfabb1T1SrOVoPQZR"
    "dXmk+NdrXeFDn+zy6uVyudp5Yo7v/q4nblvtms69rtQ61xDeSrLr6tucYBPzd8nQ+L8f4C"
    "g3Jml9iR0fidTfEfA1RnhVgLWllSARwHWCzUqwErSSjnxnLnhs+E1AaCRVZ3qVMt35exn5"
    "DLnE0E24i4TET3/b1xB4psujNuAa5BiNpW0M1q7zhsiOVFPFd7izx/U6JlYO6KWmQRCApt"
    "eXuRpGR7u94wUSr2XlVsqSFi4Ka7OsJSuVax5w6588HVMXDvBl5NNjLx3IC0jhJ8kUUJvk"
    "hXgi9iSrAK7dxlaCfi75XAebMZkwLpPINduqs+aPXqNXD/d7F7Jf6u08NPs+24W7DhLtoI"
    "PdNmI933M2V1XYWlPpz3av/mnLxhVjx7ThERVrGV+4ut3I8+d+Agpyp0q4VXyme2begYjx"
    "4UVxD8Qz3WxC8mc48T2wys2ryiokIlcjePR30kltmfaUMboYLF7u7SquLEqCSYVPzYlXR7"
    "CvNLZI5BLV+dDqIqauqOzywiC4wxam9nfmwxygCwQ+uKCjlVIad7VdrVxr33VC7V9rLtbS"
    "/bs0NLm7JRG1HqvnyMgcnZC4kY5AV1KpVcSsia4sQM3l2Q8ZnzKgO9mH30L2AyCmw0sBEd"
    "AUaeEaZgQOyxiEsdcZABG0EGTFHmhYijsiHlWa8jYqE4f9vJHdRGonzxOnVs8zor6cEd2+"
    "yNxjWaOSy5hWbOp8ZeqFbmI5Mm8eF0dS0uuZbilrO23bXepmJBVSxoDijy0ljQLK4Bj9Pp"
    "LqfbzIzbcuvqiKoKhPtOjbiSiyBBkQg7ENL1CDNcLsNmOYLRZ7Fygz6vzd+/BhiCfU7Pwd"
    "B8QYLAD+DYtGbiUADxjR0w//TOsq/1bLl2pT3kTHsgSWfSpdMMv3zhjiE4LWeJR4pyQyke"
    "qay+p/MhKTv6MTF5dWs0c1hSNXOum9lGhnBpr6eAh0SVBp7ndjYpnfKm6s1WUwujYko3TA"
    "iFnA+EVdGNC6qNrer7Y/tyAarvj+3s+2PzaVTZjJZBG11xloMrzaLvB2/O5tys6MZXnBC+"
    "/DFA46le35fXuk6GJu6MbMKYg3LM3BQucLzI4mSJojqTyy61Ot1B00KG41z+bGIqTlYCE9"
    "5JeNFnzqywODQJE3YMKAEW6T9/JlMGKJxRkTriDQRgTyS9jghAP0zKaNz2tKN7bGCBcu6+"
    "irVkLlA4c8m2TulJt0wNePNP7aQz8lK5jCzyfkzmS45pjDz9W5Ay3YNoDS02QVxpsnnWZM"
    "WcyBewKWZmwm6oJY0dkVUtnbeWjiko+yEi0f0eCVQkYUtIOhmZOIV1GCq9lI50RgjYqE9s"
    "Q3yYCgYHPc7rcT1Rbu3ghWdzSXAEsXEsgt+c2DfT4hecLFAExKL0Kc5Idncb5RbLl1uMP8"
    "F0nKjkZ9vSL8vneQNF6bFV+0WrfNcfm/Va5bvzkSDpuosr97X6rc5nOU2vNBvtaqNzDeJp"
    "0ZGShUGeZ2GQ5+kM8jwWzOONt1UIuiSS52baM0mXv7rFJ7p1fCAhQeXqyh2dyIMdOWcMUZ"
    "07mUdEVazhrmMNE6aCd/V15Gwa2KarYz86WiiYM0FBiwZ7pmtnoRDTTKpZOsxK5cmXyuO0"
    "qT6CdLQKgQ5LFc7MXb7IwKDLF6kMWmSpqMAPyKFVVOCHaGZOptYZypKYsqznuX29Dd0rqs"
    "IhIaW5ZQipCvbNb6hmRPbrHxjMmXWNUA/Lk67hKM8JOoavVC84QGEy0X0NXqkVBzWyjxeo"
    "FUWMmSlVT07LF+s4PbZvkVfHeu3wXO8JpPSV8DlxVbU4Jli8zfhnX7L15UWdOQa4yfWePj"
    "NfErr0DSEWgjht+4UkF8G6t8NDfP3J5H1p9E2zWQ8x6JtaJwLy08NNtXV06mDPC5kuOYg7"
    "JZQ5Yp0GOAg9ZoUIIXW+cHYuHvaHzz9tu+m3nOOf1S0iXp7isiFYxVTykjbCqPOrMyM237"
    "GxH8xyxtWyzV5+2OK7H/p9MD1sl7aSmoHGE8IQ7s9aTlRpKencmFih44XHxwTFdTsov/VP"
    "rZGJQ+me0Uwd673fT6z5TZFVNZ0L5NkC4ESpXP/bNP4jdnlBTPBsTKZ0HZPL9g+NE51+Bc"
    "C94nmGe00TwGkmE8DpAhPAadwEYCP+ppStbHKJyhUQ7+1HI1DOb6ZUTz4Fqj2GlrUg4DMk"
    "WqCIz/Ozq/J8mhYXi2bo9oNWrycddUEn4oMqeo8YCbNFB/1IPeoiIlgEy+EiU0r1t07Iiu"
    "J316MH7bdPIUtKvdn46heXunel3rxRVi1l1XrfY+ORbfZHpaQT492chSwdBmWUp7MoTFxt"
    "P4p6iC4vs3iILi/TPUQiL7IDaTJZBWGveAHR3Qn55ndkifH+P7ebjZQVMxCJLpdmn4H/Ac"
    "ukB2wSSgJXgLGYs0TpSWTxExXcJIVEvedi9vZ/UFGPcA=="
)
