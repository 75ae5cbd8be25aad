from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notification_outbox" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "category" VARCHAR(30) NOT NULL,
    "template" VARCHAR(60) NOT NULL,
    "params" JSONB NOT NULL,
    "deep_link" VARCHAR(512) NOT NULL,
    "data" JSONB NOT NULL,
    "urgent" BOOL NOT NULL,
    "audience" JSONB,
    "status" VARCHAR(10) NOT NULL,
    "cursor" BIGINT NOT NULL,
    "recipients_expanded" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "completed_at" TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_a56f87" ON "notification_outbox" ("status", "id");
COMMENT ON COLUMN "notification_outbox"."category" IS 'CONSENT_REQUEST: CONSENT_REQUEST\nHOME_VISIT: HOME_VISIT\nCOURSES_AND_LESSONS: COURSES_AND_LESSONS\nREFERRAL_UPDATE: REFERRAL_UPDATE\nANNOUNCEMENT: ANNOUNCEMENT\nSAFETY: SAFETY';
COMMENT ON COLUMN "notification_outbox"."audience" IS 'broadcast audience spec; null: direct';
COMMENT ON COLUMN "notification_outbox"."status" IS 'PENDING: PENDING\nDONE: DONE';
COMMENT ON COLUMN "notification_outbox"."cursor" IS 'last recipient id expanded (keyset)';
COMMENT ON TABLE "notification_outbox" IS 'One message to send, written in the caller''s transaction. A direct message lists its';
        CREATE TABLE IF NOT EXISTS "notification" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "category" VARCHAR(30) NOT NULL,
    "template" VARCHAR(60) NOT NULL,
    "params" JSONB NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "body" TEXT NOT NULL,
    "deep_link" VARCHAR(512) NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "read_at" TIMESTAMPTZ,
    "outbox_id" BIGINT NOT NULL REFERENCES "notification_outbox" ("id") ON DELETE CASCADE,
    "recipient_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notificatio_outbox__e28fa6" UNIQUE ("outbox_id", "recipient_id")
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_recipie_ece159" ON "notification" ("recipient_id", "read_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_recipie_6a6533" ON "notification" ("recipient_id", "created_at");
COMMENT ON COLUMN "notification"."category" IS 'CONSENT_REQUEST: CONSENT_REQUEST\nHOME_VISIT: HOME_VISIT\nCOURSES_AND_LESSONS: COURSES_AND_LESSONS\nREFERRAL_UPDATE: REFERRAL_UPDATE\nANNOUNCEMENT: ANNOUNCEMENT\nSAFETY: SAFETY';
COMMENT ON TABLE "notification" IS 'A person''s in-app inbox entry: the record. Push is only the doorbell.';
        CREATE TABLE IF NOT EXISTS "push_device" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token" VARCHAR(512) NOT NULL UNIQUE,
    "platform" VARCHAR(10) NOT NULL,
    "push_kind" VARCHAR(10) NOT NULL,
    "app_version" VARCHAR(32) NOT NULL,
    "locale" VARCHAR(35) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_seen_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_push_device_user_id_63338d" ON "push_device" ("user_id", "last_seen_at");
CREATE INDEX IF NOT EXISTS "idx_push_device_last_se_4d7800" ON "push_device" ("last_seen_at");
COMMENT ON COLUMN "push_device"."platform" IS 'IOS: IOS\nANDROID: ANDROID';
COMMENT ON COLUMN "push_device"."push_kind" IS 'FCM: FCM\nHUAWEI: HUAWEI\nXIAOMI: XIAOMI\nOPPO: OPPO\nVIVO: VIVO\nHONOR: HONOR';
COMMENT ON COLUMN "push_device"."locale" IS 'BCP 47';
COMMENT ON TABLE "push_device" IS 'One app installation''s push token. The token is unique: registering it moves it.';
        CREATE TABLE IF NOT EXISTS "push_consent" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "policy_version" VARCHAR(20) NOT NULL,
    "granted_at" TIMESTAMPTZ NOT NULL,
    "withdrawn_at" TIMESTAMPTZ,
    "device_id" INT REFERENCES "push_device" ("id") ON DELETE SET NULL,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_push_consen_user_id_65a0c5" ON "push_consent" ("user_id", "withdrawn_at");
COMMENT ON TABLE "push_consent" IS 'The record of a person''s consent to push (when, which device, which policy version)';
        CREATE TABLE IF NOT EXISTS "push_delivery" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(10) NOT NULL,
    "not_before" TIMESTAMPTZ NOT NULL,
    "attempts" SMALLINT NOT NULL,
    "lease_owner" VARCHAR(64),
    "lease_until" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "last_error" VARCHAR(200),
    "device_id" INT REFERENCES "push_device" ("id") ON DELETE SET NULL,
    "outbox_id" BIGINT NOT NULL REFERENCES "notification_outbox" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_push_delive_outbox__5953eb" UNIQUE ("outbox_id", "device_id")
);
CREATE INDEX IF NOT EXISTS "idx_push_delive_status_70cb6b" ON "push_delivery" ("status", "not_before");
CREATE INDEX IF NOT EXISTS "idx_push_delive_user_id_894a1f" ON "push_delivery" ("user_id", "status");
COMMENT ON COLUMN "push_delivery"."status" IS 'PENDING: PENDING\nSENT: SENT\nDROPPED: DROPPED\nCANCELLED: CANCELLED\nFAILED: FAILED';
COMMENT ON COLUMN "push_delivery"."not_before" IS 'not sent before: quiet hours or backoff';
COMMENT ON TABLE "push_delivery" IS 'One push of one message to one device; the unit the dispatcher claims and retries.';
        CREATE TABLE IF NOT EXISTS "push_attempt" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "attempted_at" TIMESTAMPTZ NOT NULL,
    "transport" VARCHAR(20) NOT NULL,
    "outcome" VARCHAR(15) NOT NULL,
    "http_status" SMALLINT,
    "error_code" VARCHAR(64),
    "message_id" VARCHAR(200),
    "retry_after_s" DOUBLE PRECISION,
    "delivery_id" BIGINT NOT NULL REFERENCES "push_delivery" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_push_attemp_deliver_fabd71" ON "push_attempt" ("delivery_id");
COMMENT ON COLUMN "push_attempt"."outcome" IS 'OK: OK\nUNREGISTERED: UNREGISTERED\nINVALID_TOKEN: INVALID_TOKEN\nRETRY: RETRY\nFAILED: FAILED';
COMMENT ON TABLE "push_attempt" IS 'Each call to a push channel for a delivery, with what the channel answered.';
        CREATE TABLE IF NOT EXISTS "push_preference" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "category" VARCHAR(30) NOT NULL,
    "push_enabled" BOOL NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_push_prefer_user_id_5d274a" UNIQUE ("user_id", "category")
);
COMMENT ON COLUMN "push_preference"."category" IS 'CONSENT_REQUEST: CONSENT_REQUEST\nHOME_VISIT: HOME_VISIT\nCOURSES_AND_LESSONS: COURSES_AND_LESSONS\nREFERRAL_UPDATE: REFERRAL_UPDATE\nANNOUNCEMENT: ANNOUNCEMENT\nSAFETY: SAFETY';
COMMENT ON TABLE "push_preference" IS 'A person''s choice for one category; no row means push is on.';
        CREATE TABLE IF NOT EXISTS "quiet_hours" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "enabled" BOOL NOT NULL,
    "start_minute" SMALLINT NOT NULL,
    "end_minute" SMALLINT NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "app_user" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "quiet_hours" IS 'A person''s quiet hours; no row means the default 22:00-07:00 in Shanghai time.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "push_attempt";
        DROP TABLE IF EXISTS "notification";
        DROP TABLE IF EXISTS "push_delivery";
        DROP TABLE IF EXISTS "push_device";
        DROP TABLE IF EXISTS "push_consent";
        DROP TABLE IF EXISTS "push_preference";
        DROP TABLE IF EXISTS "notification_outbox";
        DROP TABLE IF EXISTS "quiet_hours";"""


MODELS_STATE = (
    "eJztXftz2jge/1c0/LLtTJpr3nv05mYoIQ1XAlkg3e0tOz4FC/DESKwtmmbv+r+f5BfyC2"
    "xjg3H0C2BLX9l89Pq+9d/anKhIN4+vNZMa2pjW6uC/NQzniP0IlR2BGlwsViX8BoWPulVZ"
    "FWs9st/Qam0CdROxWyoyx4a2oBrB7C5e6jq/ScacCE9Xt5ZY+3OJFEqmiM6QwQp+/4Pd1r"
    "CKviPTvVw8KRMN6arvdTWVP9u6r9CXhXWvjemNVZE/7VEZE305x6vKixc6I9irrWHr9acI"
    "IwNSxJunxpK/Pn8755+6/8h+01UV+xUFGhVN4FKnwt99VFb3aorS7Q2VQWuoKLUUAI0J5u"
    "CyVzWtfz/lr/Du9OT86vzns8vzn1kV6zW9O1c/7EevgLEJLXi6w9oPqxxSaNewMF6Ban2H"
    "YG3OoBGNq1s/gCx75SCyLo7lhXYOvys6wlM6Y5cn79+vAfJLo9+8bfTfsFpv+SMJG/72vO"
    "g6Rad2GUd7hS7V5ugvglMhLNLkg7J7YwXzatZ6mDZMDf5tMIN4OoNabSeQX54nQPzyPBZw"
    "XvTjB18vJk/C4OY3HuH46RkaquIrWXWMOZ4RYq9w/n756BDefO4jHVr/L9wPzsI5sBopqk"
    "cKHPk/3DHn3nVmnm/smhROJlsCxJtomKY2xXMUXnsjkHLmf+mB4mOMnJK4URcump/Og3cg"
    "hlPrL/Fn8yc5qH1asiY0iM2Ztojar33la/fsabDmpn271gAuDXgDwQIarNsAHI/JEtO3QN"
    "fwE1IBJQACky5VVnhcCwCZsYkIvuD3mlPBGjdOm7U/JLuwR3bBcOa8O6LCm1oLL+cWxm32"
    "YhCPUQjrYBu72+TSA1+76w1vW/06sL9H+KZhX9vfI/yp3+he3zf6re6wDoSLEXYIra/gJE"
    "myO54m4UdO49mR0xA3MjYQB1SBNNx116yEcx7R08NPGegw1SE9dn+Up/vSLvRRUA/bd63B"
    "sHF3z5ufm+afuoVXY9jiJafW3ZfA3TeXgW7xGgG/toe3gF+Cf/e6LQtOYtKpYT1xVW/47x"
    "p/J7ikRMHkWYGqiIl7273l62Z3qVRSrYABqs1L4QH0aj6rocgSWftROmD9RBJXB9cQ2x6C"
    "OYzxDTEQ4yU/o5fQDhPHgK4YiMOCOI7zZLcN+OyxO4HRxRBg/xtRezduDJqN61YtcnHIAd"
    "wHE5Vop84d2cCCGA1tvKxZpITgCJ4RssFKJI2XCsxVnVz1eL/7dITWi0lm/fXq9va9R0nt"
    "XhW0eyLe7vKSjv8KUEkGbDMDJq7jWzIJonHpwEBOyigEBpiPUegzaa7fbg7XcQqCgK5D00"
    "S5aKWbvKkKgS5V09mAsqSDbUdU5aSoQvX34gSMZdG9+bmJT1fGXs2N2vvR8uoMqewTwStA"
    "JoDxGcBuBWhYvHpB0Ahr7tOTR2vtPfnC+Qe8uhQJpEiw79XAz59eJJEILuIFgouQPDA1oB"
    "qB7mAOdT1e7+oSVYkxPTu9uvSGLr9YN2oHd41OJ6xsZYur8ghxxCqQzMwk0pd5+NY+t7vX"
    "rf6nRn/Y6taBeDXC9/32XaP/Ven0fuXGJN/lqvTh/l4stS5H+F8P3Xavr9y2P93WgXAxwo"
    "OWUCJclMNM5ewa6ZTsIk2VZlJ+tovVXpwJWoFQ4pvAhuExQduaMKrmZHQUtGCIUzdGeI4Z"
    "yLnB+9VprNoQC1N4CyWFFL6l8L0dSMUL39Z8jpW93dm+UfR215gkkvfF4+Ul+0RX50cAHU"
    "+PGWN0evmOfVwdgYlB5mCAFhTNH5HBnd8ay+nSjHCe26Id6VkvRe2yQFu0hEChQU2FRHgx"
    "cD+2OD8cgWidC9vhLrVRAHOXtAB8CKtpwRNIXh10mQIMpCknGZNEkTHfEqUha6JK8BTKHg"
    "U47ygeKcycr2GUeGUF+msniDJYIMMk+CcTGERHAGIVPDOeBQGNAvYwXUNmHUBgTaIjHilg"
    "2x2IwX675taoyIO8mo20aywdfzfetvVswbQdsnnYVhtp7NhrsILTUZmCFBzaUmuOm53GYK"
    "AMW42mFWrguxzhZu+hO2h1erzE/TnCnVZz+NDn1d1fIzxo3vZ6HaVxfdfu1oF4NcLXbVs5"
    "4Jb6r8uhMd6fY1DJ9BIFKY13rIp/HaBaO0QmaEVKCXAYYL5RpwNWoJDGjc3GDZcTkgEE67"
    "TuwqDaHJexH5fLki0EeXhcRqK7e2vcgSIbb4xbg+vKRS0XdJPqOw4bYnETL1VskWNvitQM"
    "eKaodRqBVaWcw4sEIduJesNEith7FbGFjgiBG2/q8FOVWsT2DHJnk6sjYD8NPGt0pmFPgZ"
    "RFCD5PIgSfxwvB5yEhWLp2Funaidj/iuB5kymTVtRlBrt207prdFp1YH+PsH3FP7OM8JNk"
    "EXdrAu6CnfCoGXSmuHampKYrP9Wrs17tX51TNsyqp8+pIsLSt3J/vpX7kecOHORYgS6de6"
    "WYs21Lw3gwUVxF8PeNWA1/06idTmw7sNpeQ1WFipdu7496T3Rt/NKYGghVzHe3SK2K5aMS"
    "oVJxfVfi9SnUrZHYB/Xy6mQSFFFjIz6TkKxRxsjYzvLoYqQCoEDtinQ5lS6nexXaZeDeLo"
    "VLGV6WX3jZng1ajSWdDZBp2n8+xIGJxWsZMcgqKqZQcyND1uMZM9hwQeo7xlep6Js2Rh+A"
    "Rk1goImBzBmg5AlhE0yIMed+qTMGMqAzSIHG63wjPFU2NFnR84zoKMy/FfIEGUhULr5Opm"
    "3OspMeXNpmZzZm6GY/ZQ7dXE6JvVK9zGamGcUPx4trYcpMglvJ+rZouU36gkpf0BKwyBt9"
    "QZOYBhyeTrF5uu3UuH27rSFvqkK4F6rEFUwEEYKE34AQL0do/noJguUIRu/4zg3GrDU3fg"
    "1QBMeMPQdT7RviDPwEzjX9hScF4GfsAO/onU2n9eTcupQeSiY9kKicdPFshlu/cmkITi6T"
    "+CMFeUPBH+lSnqfzKll29H2hseYydLOfUnZzqbvZQCo3aWcTwH2kUgIvcz9rprlkXfX4kk"
    "4sDJJJ2TDCFdKbCGnRDRPKwFZ5/ti+TIDy/LHCzh/zllGpM9oEbXDH2QyusIruDt6SrblJ"
    "0Q3vOD582WuA7kOnsy+rdYdMNTycGYRSC+WQuslf4WidxknnVRUq1t2odbqBmo5Uy7j8Ts"
    "Mmz6wEFmyQsKpPjLPCPGkSJvQImAToZPz0jiwpMOGLye/OWAcB+MhvPc8IQN81k5ph3VNB"
    "z9hCA2U9PY22xCOonLokryw98ZqpCev+pRGVIy+WlxFJdsfJvC8xGyMu/zo0qeJAlEGKjS"
    "CXkmyZJVm+JrINbImpFhENtaGzA7Syp8vW0yEBZT+MSDDeI4IViQgJiWdGFlZlBfpqb2RH"
    "hjMEDDQmhsoPpoKrRI9eO7Ylym4dfGPFjBK8gVg94s5vlu+bprMLxiyYCPBN6W2YIynuMd"
    "IsVi6zGHuD5TxSyE8W0i/SlzmAonbfb39pNL8q971Ou/nVOiRIuB7h5m27c62wVa6hNHvd"
    "Qas7rIPwveBMScJBniXhIM/iOcizkDOPM9/SMOgCSZm7ac9MunjqFlvosthAfITS1FU6dq"
    "IMeuSScYgy72QZEZW+hkX7GkYsBTu1dZRsGcjT1LEfGc3nzBkhoAWdPeOlM5+LaSLRLB5m"
    "KfKUS+Sx+lSZQXOWhoH2U1VOzX15noCDvjyP5aB5kfQKfIU8tPQKfBXdzJipLFNZIJOa9T"
    "L3rxPQnVIU9hFJyS2BS9Uqbn5LMSMQr39gMCeWNXwjrEyyhiU8R8gYrlC9JoHCYqG4ErwU"
    "Kw5qZh+tESuq6DNTax2fXJ5nMXrkr5GXab0KzOu9gKb5TNiamFYsDhFWLxj/9H2ysbxuMI"
    "cA15jcM6bat4gh/ZEQHUEcF34h0AWwfiwwia+7mOyWjf7Y63V8HPTH9jAA8sPdx1b/zYmF"
    "Pauk2cxB2Cgh1RFZOuAg5JgUHkIyv3ByXtxvD/eOtt32LOfwsbpVxMsRXLYEq5pCXlQgjM"
    "xfnRgxL2JjP5iVjFdLtnq5bos7T/p9kCMME6pNtHEeQ6srNFVVuBZLc6bklFWeNdW0W6o0"
    "WuzPMhnG0KKiXtLidW239VJxwHhO01zQ4g1VGquFgSbIQDgXvO69xqqEWSrN+AreP5caos"
    "qMLI01yPYwGhL2sRnfX3hzt25rFeE7UtoR2iqaLwhlA+ylb0Vc1KJyqoUqHa1Nrbaqrhir"
    "+rkfQ0oW1qR4Qi/yyIv9Hj/qdkVSta1HUGbtuOXBWf+Hpv6TR0BDTPDLnCzNLOaI/BOq8k"
    "GfAnCnepnhzqgeP0mkHj9Zox4/CavHDcT+qUlTmyOCdBXEO39PPZPJ/ktTic6QOJhDXV8T"
    "DOEjrVA0xNnp1aW3TPOLdSv04K7R6USlgTIXXJhTHokasVoM0ffYNFABwipY1daZGVq/DX"
    "0WBne4vrlr/PbWZ2Xo9Lqf3OrC8G52eh+lxUdafHbqA+RTbkWw7UHlVzzHjoM1E6RD9oKy"
    "NfyOtcy+Hsl3gDA1Xtjc9yK4jwEXY/k5JwTzzMWsQCXEeES6HpUGOadWIyUGsqSsMceZi7"
    "WjLTQnkCQoPvzuL7aqQ2tCsorhQmHC/pFK8vioTV+L8PH309Ozs6vT92eXP1+cX11d/Pze"
    "297CRes2u4/tT+1uYP1NkH+ZoTUlRgzTvDnQXKQvM1dXcyLFlX7rlwe2uNVB4MYI3/buWs"
    "qX9qDNCle/R7jZe+gPWgOl0b1WOq3BgNFx6tDNEe63blr9fqOjPNzzNbgOAjdGuNHt9h66"
    "zdadFcguXo3woHHTGn6tA/s7iziVf0g7RfOFDqNOtF8TkiPQlHlIZGX0k4B8GQ/yZYSXlw"
    "HnEZq7f7FRFefe5VIEuSBtTMH/gK6ZhRkqav+YLPGYYwgel5pONWwe88f+s7Z7rogjtJ5B"
    "DfKiAU6HNxBkUKnmpKFLPOBdggqO9kK87NLKXVuJW2XDd9fylorQQuGnYqQZ0j6iSsAecN"
    "U9OU3iq3tyGu+sy8sCSDMmK80q7taXa3jua7hUMmRafw5ByeDX5MFsByJAGf54CP3r00wk"
    "VxH4yKoU/7gTZYE4vfz6nITm4SBZlXqgqAhUD7MwzjKBUDA1un94bc4iZK8HOSArao57Xq"
    "MVxdm3ipYpxjeiFzZo+Vd9lUzXr6xGTLJz1OfINNnL8vSrJuLZVp8NjVKEgXWeOQJjqOvI"
    "+MlkQENsQov1PgYNoGpsNFOPnPP8Jj8gPWQBKOIhI+xNJZOfsm7bFAzybH4AEDwaBKpjaF"
    "IwI6xXAMQALlWNu9wBc4HGAH1fQDaCVfDoGBo0cwEpP5YxYUrZ3x07Na/tGhukiUCaCKSJ"
    "QJoIyjEkpIlAqpei1EtSpyp1qq9u0C+NaaR8ujYxwopoh1kRvDsHmxbB5bTTDH2RZqvhvx"
    "uFZm0lYPjkig9WW3VHaknG4+x6KqzkliwM8Yp6d7tA7b7VvW53P6VcjFyyOnB+jPB1r8vY"
    "1mtH45veLT2RV/oap/RQQtOlYZKIvNvrBMQVTWmP6bLOuwKegA40dSVwv3lCLyaibxN2wH"
    "51x6bivncWFbKfurS9teOQI2nofGWGsDFhAjPK2NEBWmnyLFtPZ8qUJLNBpApBl6kNcgw9"
    "T2mw4Zg1KFf60VqEpUYsPlp7OB9PIwCFmhttMy04nll2EedgPB4cMZ5BjJHuHIjnjIuXI/"
    "Cs0Rl4nkFqG1OcWhCbz8hAajgoI+e2k9hL3AYVaS4prbnEGZ/ZTikL0EqurHR7tc/0we2s"
    "C2LEHNMYY/sQiSqoBs4/xTBZUsbDxhiYNqtbBPIyw13rfa6D3ucRfuj2W5/ag2Gr37quA/"
    "FqhNsMp077Whn2Pre6deC75MbFYf8rNymyrxG+abQ7vAX7O5Oy5iKJsuYiXllzEezKGaUL"
    "JU57tj6mPUAqY9p9wCLDIEZMroD4tchPVYVo9qKTMjhONJEOkfE4+6mqh3MhUUIGoozThR"
    "OKDCVitbjRCYzVHgYoA4hPOOnhYb4G4uvew8dOC9z3W832oO1YPDxeySr0m5z6rUYnZNRe"
    "CRep5IcAYZXcfXcgS6xxClYFPcOWnqsVVVscBXxWA0OxTF6rYg7RGCWIkGJ0gxJkLNTcqA"
    "QZeukhAJlwTYWbS8JphesvLO3Fm+cZwkfgeaaNZ8BObeleLawUu8A5rzxkeSriGSMMsdWa"
    "Rk1LgaKyrob6MeiTZxNAAwGMWF1g97BaF+oANh3mCxP8x72FmUD9n8RqFuGIWrGBlCqX16"
    "JvKe7oHms8KM54SMNvhSnLLPmVRtCeGhBnU1z5KaXaqtRqK9+alrKjg7TSmFjmnrb313TR"
    "ez6aCmlZcnO5ELiDhJAKFFUSjoqKhXRPYZRhkOtEHWFQbY6AVL308rnIkQlz1ZdsIUguRA"
    "oroA9b9gag+9Dp7FOG9KT4GCFSlPI3SJGifiFZnKMlwjGRjPjDEfmljdoHy8DNepwGYgLB"
    "WIfanIcRqoDr5zRkhk3qxTxic9LDVY+HMx6uTA6YUOURTdiUsdMdCjPQqSRt8uW0yb9mf+"
    "2BFUc4sOIHr/u9+3tuE3R+jHCz0W22Opad0PuZi+kwdz9vYfallFn8lIcjnPIXB5byzH77"
    "OrAO+gDWQR889z7fVMhkkqx/qiTXOH4yqW3IIl1lfMnzMB/rCJpIIc84ivOO17MFyKpn2M"
    "zfgGxDtsRU09OuYwFSqXop8xIlAzNeRTfz7TlDHwtkchqXuX95FJ5iuUml2hd9VNXbFgvx"
    "95HK6gKU1TKD4l6jYKWtoGBbgUztV1BqP2k9KNB6EFwipLVra2tXkpBZR/2j6GQasR2mDA"
    "IVIhYrgnnhMaDO1I81XLkLw0azlVcxkdHKPi+LTSDd7tefTNvIRMkTwseAuy5aP/mxWXYf"
    "1YGBpppJEccRaBTMyTfEc2ZGm6zyfkBKH0VL2jARwt5BXP470mtxl16LVk+nERY9gnysS/"
    "sFt/iMcDxx5IQY86zWPJG+zF6htXZvUAfsg6cEve732tc8G6j1oxwGOWstfmJ/OnNPiA3s"
    "0LR607xLa1ZlJHXAPkb49qHxa6tdB/b3CP/WbvTu2LX9PcK9+/teHfDPEf7S/sJ+80+eOr"
    "bb6/OsseyrHP3Hdq0svtUBsjJPoYzL1lmSVessftE6C61ZOhlDPVVk5opihxPjr9m7Zjft"
    "1PjYvAfnV1mG9FmS8OKz+PDis1B4sTS6xEJfOaW8y96m7OggrezqUne1VKBKZ+uqqJ+cUM"
    "gcEpAJgaLVUKJGBaLvOlXboUBVtJbu3kATZFiZpGM0dUKNo43auoW/8kaNnXDW/XhGtDGy"
    "kqlx92/3IJEPABN+TA2YI4gdVZt14n1YO7dtY5Gu48Ji4J1tEvQblzq3Xerc5BE18oiaNU"
    "fUWOsQwryvovwg1p1fECTd4SkG+5EQcjzEYLlQM0rjfkopokkRrdS9KUW0wxbRiuSof+Eh"
    "O7c8YieKmxZK13LSVuCPMvMqpuGihaChALNrhU/a/QVOT+vv3797f8U++XmSgxnE0xnUgL"
    "XSruOrc2h+hO80vKTIBKbGj4GxlN9grqlYm87oETCJ1dYzG4Gsccad8/SpHBoAxwYxTaBq"
    "UEdjGhvuKZnzPTLn2Riv/fBcLu4Hy3OxTcCgytyaTmHE10fHBWmrtDfnkmMVqxmR9VNKXA"
    "MniLI94C+C050gKtDs0ELaMDX4N3fzSmkpzWiNzj8EUcplWRZpKZcdmi9aEVJZGiFikwTX"
    "w2hI2EfB8tteO6EY6W0riayBDG08q0VIY07J0TpJDK7qbBLC4kGSIkq5RJQMbnDVdoE7vU"
    "jim8VqxQd4XoS8s/ikSoGwU72C6J4kCp89WRM+exIOn2VPpJHnM8efGCyQ7P687P1wcbkd"
    "B7wVZ7DtZvbj/8mqxHE="
)
