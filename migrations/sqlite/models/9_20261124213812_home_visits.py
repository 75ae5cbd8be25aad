from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "visit_calendar_feed" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL UNIQUE REFERENCES "app_user" ("id") ON DELETE CASCADE
) /* A visitor's private iCalendar feed: the URL's token, stored hashed (SHA-256). */;
        CREATE TABLE IF NOT EXISTS "family_contact" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "channel" VARCHAR(10) NOT NULL /* PHONE: PHONE\nMESSAGE: MESSAGE\nMEETING: MEETING\nOTHER: OTHER */,
    "note" VARCHAR(500) NOT NULL,
    "contacted_at" TIMESTAMP NOT NULL,
    "contacted_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "student_id" INT NOT NULL REFERENCES "student" ("id") ON DELETE CASCADE
) /* A contact with a family outside a visit (a call, a message, a meeting). */;
CREATE INDEX IF NOT EXISTS "idx_family_cont_student_5309f9" ON "family_contact" ("student_id", "contacted_at");
CREATE INDEX IF NOT EXISTS "idx_family_cont_contact_ca135a" ON "family_contact" ("contacted_by_id");
        CREATE TABLE IF NOT EXISTS "visit_plan" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "school_class_id" INT NOT NULL REFERENCES "school_class" ("id") ON DELETE CASCADE,
    "school_year_id" INT NOT NULL REFERENCES "school_year" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_visit_plan_school__255112" UNIQUE ("school_class_id", "school_year_id")
);
CREATE INDEX IF NOT EXISTS "idx_visit_plan_school__2a826a" ON "visit_plan" ("school_year_id");
        CREATE TABLE IF NOT EXISTS "visit_plan_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "universal_visited_at" TIMESTAMP,
    "targeted_reason" VARCHAR(20) /* PSYCHOLOGICAL: PSYCHOLOGICAL\nFAMILY_DIFFICULTY: FAMILY_DIFFICULTY\nLEFT_BEHIND: LEFT_BEHIND\nSAFETY_RISK: SAFETY_RISK\nHEALTH: HEALTH\nACADEMIC: ACADEMIC\nOTHER: OTHER */,
    "targeted_note" VARCHAR(500),
    "targeted_at" TIMESTAMP,
    "targeted_visited_at" TIMESTAMP,
    "plan_id" INT NOT NULL REFERENCES "visit_plan" ("id") ON DELETE CASCADE,
    "student_id" INT NOT NULL REFERENCES "student" ("id") ON DELETE CASCADE,
    "targeted_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_visit_plan__plan_id_abf28b" UNIQUE ("plan_id", "student_id")
) /* One student of a plan: visited yet, and whether a targeted visit is needed. */;
CREATE INDEX IF NOT EXISTS "idx_visit_plan__student_07cf9a" ON "visit_plan_entry" ("student_id");
CREATE INDEX IF NOT EXISTS "idx_visit_plan__targete_b5fa08" ON "visit_plan_entry" ("targeted_by_id");
        CREATE TABLE IF NOT EXISTS "visit_slot" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "school_class_id" INT NOT NULL /* the plan's class, for scoping in one query */,
    "starts_at" TIMESTAMP NOT NULL,
    "ends_at" TIMESTAMP NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "host_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "plan_id" INT NOT NULL REFERENCES "visit_plan" ("id") ON DELETE CASCADE,
    "student_id" INT REFERENCES "student" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_visit_slot_host_id_b82b26" UNIQUE ("host_id", "starts_at")
) /* A time a visitor offers; `student_id` set is the booking (one family per slot). */;
CREATE INDEX IF NOT EXISTS "idx_visit_slot_plan_id_db4b8b" ON "visit_slot" ("plan_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_visit_slot_school__938792" ON "visit_slot" ("school_class_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_visit_slot_student_71ec14" ON "visit_slot" ("student_id");
        CREATE TABLE IF NOT EXISTS "home_visit" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "school_class_id" INT NOT NULL,
    "kind" VARCHAR(10) NOT NULL /* UNIVERSAL: UNIVERSAL\nTARGETED: TARGETED */,
    "status" VARCHAR(10) NOT NULL /* PROPOSED: PROPOSED\nSCHEDULED: SCHEDULED\nCANCELLED: CANCELLED\nCOMPLETED: COMPLETED\nMISSED: MISSED */,
    "proposed_by" VARCHAR(10) /* FAMILY: FAMILY\nSTAFF: STAFF */,
    "message" VARCHAR(500) NOT NULL /* with a proposal */,
    "starts_at" TIMESTAMP NOT NULL,
    "ends_at" TIMESTAMP NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "change_reason" VARCHAR(500) /* last cancel\\/move */,
    "changed_by" VARCHAR(10) /* FAMILY: FAMILY\nSTAFF: STAFF */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "booked_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "host_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "plan_id" INT NOT NULL REFERENCES "visit_plan" ("id") ON DELETE CASCADE,
    "slot_id" INT REFERENCES "visit_slot" ("id") ON DELETE SET NULL,
    "student_id" INT NOT NULL REFERENCES "student" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_home_visit_plan_id_e7d3bc" ON "home_visit" ("plan_id", "student_id");
CREATE INDEX IF NOT EXISTS "idx_home_visit_student_558c2d" ON "home_visit" ("student_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_home_visit_host_id_ce0f08" ON "home_visit" ("host_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_home_visit_slot_id_166130" ON "home_visit" ("slot_id");
CREATE INDEX IF NOT EXISTS "idx_home_visit_booked__ee418f" ON "home_visit" ("booked_by_id");
CREATE INDEX IF NOT EXISTS "idx_home_visit_school__00e2a0" ON "home_visit" ("school_class_id");
        CREATE TABLE IF NOT EXISTS "visit_co_visitor" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "added_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "visit_id" INT NOT NULL REFERENCES "home_visit" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_visit_co_vi_visit_i_4cc815" UNIQUE ("visit_id", "user_id")
) /* Another teacher or the counselor joining a visit (会同其他教师). */;
CREATE INDEX IF NOT EXISTS "idx_visit_co_vi_user_id_de4428" ON "visit_co_visitor" ("user_id");
        CREATE TABLE IF NOT EXISTS "visit_record" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "happened" INT NOT NULL,
    "not_happened_reason" VARCHAR(500),
    "present" VARCHAR(500) NOT NULL,
    "notes" TEXT NOT NULL,
    "follow_up" TEXT NOT NULL,
    "message_to_family" TEXT NOT NULL,
    "informed" INT NOT NULL,
    "treatment" INT NOT NULL,
    "safety" INT NOT NULL,
    "recorded_at" TIMESTAMP NOT NULL,
    "acknowledged_at" TIMESTAMP,
    "acknowledged_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "recorded_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "visit_id" INT NOT NULL UNIQUE REFERENCES "home_visit" ("id") ON DELETE CASCADE
) /* What happened. Staff-only, except `message_to_family`, the responsibilities and the */;
CREATE INDEX IF NOT EXISTS "idx_visit_recor_recorde_973d26" ON "visit_record" ("recorded_by_id");
CREATE INDEX IF NOT EXISTS "idx_visit_recor_acknowl_213bb1" ON "visit_record" ("acknowledged_by_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "visit_calendar_feed";
        DROP TABLE IF EXISTS "visit_record";
        DROP TABLE IF EXISTS "visit_co_visitor";
        DROP TABLE IF EXISTS "visit_plan";
        DROP TABLE IF EXISTS "visit_slot";
        DROP TABLE IF EXISTS "home_visit";
        DROP TABLE IF EXISTS "family_contact";
        DROP TABLE IF EXISTS "visit_plan_entry";"""


MODELS_STATE = (
    "eJztXWtz2kjW/itdfJlMFfHGOLYzzNZWEYxjNhi8gDOTN0wpMmpAa9HNSsKOZ3f++9vdut"
    "C6IoEkhNxfAEl9Gnj6du7nv7UlVqBmnFyphqmrU7PWBP+tIXkJyYfAszqoyavV5gm9YcoP"
    "Gmus8K0eyGeZ9TaTNQOSWwo0prq6MlWMyF201jR6E08pEZpvbq2R+p81lEw8h+YC6uTBtz"
    "/IbRUp8Ac0nMvVozRToaZ4fq6q0O9m9yXzZcXudZF5zRrSb3uQplhbL9Gm8erFXGDktlYR"
    "+/lziKAum5B2b+pr+vPpr7P/qfOPrF+6aWL9RI5GgTN5rZnc332QNvdqktQfjKVRZyxJtR"
    "QATTGi4JKfarB/P6c/4W3j9P3l+w9nF+8/kCbsZ7p3Lv+yvnoDjEXI4OmPa3+x57IpWy0Y"
    "xhtQ2XsA1vZC1sNxddr7kCU/2Y+sg2N5oV3KPyQNorm5IJen797FAPmlNWzftIZvSKuf6V"
    "diMv2tddG3HzWsZxTtDbqmuoR/YpQKYZ4mG5SdGxuYN6vWxbRlqPLfRgsZzReyWisE8ov3"
    "CRC/eB8JOH301190v5g9cpOb3niQp4/Psq5IniebgTGmC4ytHc47Lh9twuvPQ6jJ7P8Fx8"
    "HeOEesk7xGJMeZ/5cz55y79srzzF3DlGezPQGiXbQMQ52jJQzuvSFI2ev/qIBaybpJ/pS0"
    "wMZKNeV9Z9Wd1d2N3VtVpxd9SuaEZMLlikAC90StbXU3tnurEmp0P8MNHLXDBR8tG0v/HR"
    "nJc/aX6HfTb7Jh+7QmXagyMhbqKow39DyP5Q/n/pbbeMRaCzg04I0MyCoi4wfk6RSvkfkz"
    "0FT0CBVgYiADw1wr5OFJzQfkjl2E8KDfanYDNnHsPmt/+FjTb+4jyeIvbSJ69YfgW4vkW3"
    "V7R3CmW5C76qD1kmHcJT9MRlMYwNrfR3HcVnrga7eD8U1n2ATW+wRdt6xr632CPg1b/au7"
    "1rDTHzcBdzFBNiF786+gJGxaIwlj3IjmixsBtniqQwqoJJvBobsiTygLHL48vJS+AVNs0h"
    "PnQ3mGL+0pEAb1uHvbGY1bt3e0+6Vh/EdjeLXGHfqkwe6++O6+ufANi9sJ+K07vgH0Evzf"
    "oN9hcGLDnOvsGzftxv9Xo79JXptYQvhZkhUeE+e2c8szzL7NMuEO6KPavhUewahmsxvyvL"
    "l77iQH1kskcLVxDciPAZiDGF9jHRKh5jN8CZwwUZLQhrs4Loij2FJyW5efXXbHN7sIAuR/"
    "Q9M6jVujduuqUwvdHDIA996AJTqpM0fWtyGGQxut9MhTfLA1ICGCw0Y3Ei0yGJs2mSqUv3"
    "mU1eyH+Tl5way/HiXzoc8ooWaugpqZx9vZXtLxXz4qwYBtZ8D4fXxPJoG3ch4ZyEkZBd8E"
    "8zAKQyLNDbvtcRynwAnommwY+6pkLRagTbuqEOjCRrIbUEw62HdGVU6K8oAkI4TXZBNb7o"
    "9Ui+uqqnDpcAZ1Xdakqbz3XjW0+2qTrqqEV/7Cn7W/R0qA7va/TQyUpm7LrZajyfryDCrk"
    "FcqXAM8AYWOB1QtQEX/1AmU9aDVKTx5uMXLFV/sf0OaREuc3vpUwGAkZ9HAy6HkSEfQ8Wg"
    "I9Dwigc11WQtAdLWVNi1b0O0RVkoTOGpcX7tSlF3GzdnTb6vWC2n2y3UoPMgrZBZLZNXn6"
    "Mk/f2udu/6oz/NQajjv9JuCvJuhu2L1tDb9KvcFv1Hrpudw8vb+745+yywn6532/OxhKN9"
    "1PN03AXUzQqMM94S7KYRe1T4h0Vh2epkorKTtjmffcTQ0tRyjwTWA0c9mifW1mVXOvrPtN"
    "ZvzSjdDWREzkzOD9andWbYi5JbyHVkxoe4S2JzuQDqftOcYp9aQaqimtNBntidUX2tGdZj"
    "keVGVe5a/mYedEpJbHOUW2KnmcsyuJjuf84eKCvMLL93UAT+YnhOFuXLwlL5d1MNPxEozg"
    "yoTLB6hTF9/Wer42QlyE9+hHxKoJFU5ZoM1b8jRl3TQkHOKORR1yoxwKOaI4X9zj3WrDAK"
    "a+tT74IFLSgseRvDrodgrZEzbpZJySCfXlniiNSRdVhUcwkgdjJH2ybxg3GRSPY1hK2liS"
    "va0TRJ2toG5g9JMBdKxBICMFPBPuDgLVBOTLNBUaTSADtt3UaeSYZQvEOvnseNiERaJl1W"
    "2orXFtuzjTvtl3c95MATukZUkNGiB5/yDy8BungOIvGbmwUBYf0maP7U6hbDZtqc097V5r"
    "NJLGnVabBaR5LieoPbjvjzq9AX3ifJygXqc9vh/S5s6nCRq1bwaDntS6uu32m4C/mqCrrq"
    "XRc556r8th5jmc+2jJND85WXoKtp+9DlDdUyE1tDylADgIMD3b0wHLUQiL5HaLpMM8iTCz"
    "OFMZN6m2R+8dxjG/ZBtBFn75oegWb0I/UmSjLegxuG48TTNBN6ky6bgh5g/xUkWg2kbiUG"
    "WCaz+OUyJsGmUchMrJ5XZsNMLRbsFC6j6M1M2NTQDcaNOSl6rUUrdrAD2bXdaB9W3gWTUX"
    "KnLVULvIxe+TyMXvo+Xi9wG5WLho5+miDcn/CmGDk+mXNtRlBrt23blt9TpNYL1PkHVFX3"
    "eZ4afJQrVjIrX9g/Cg6uZCcux6SU2FXqpXZy08vIanbJhVT8VTRYSFj/ThfKQPI+IdOciR"
    "Ml46N2k+E+ieNnZ/+tGK4O+ZsSp6Uk0rD+V+YHXdjqoKlZ0zeN8Ey1hTpy+tuQ6r7DAtou"
    "PT4TWTl6r2QhuZ8nTfKXbNOmtbfVUVsQVeQom5U+2J1g3piHlTVRWpjc+ZRDYcXd13Pbqu"
    "Zx3S20u1UTM0vO/8YnCNSD8V2urz1Kkz988QhbrjFhqtTTedFonDOy4uT2d+bWRk2o4kJD"
    "Gq+PgEHULt/npiOQ6tXchZkS6iOUQ0x0H1syLXQpF6RJERILuMAAd2Z2itzcUIGob15wMc"
    "GP84lhGTSUPJ4FpuZcgGNO0ZmS5QeUv4KgU+qVP4KyCyHdDhTIfGApj4ESIDzLC+pIEMCw"
    "IyMBeyCVTa5gnTWjuyQR49L7AGg/xbLt+wPUb3m+vZJjwrCmXxRJWXXQ7Vo6vyYi/MHYbZ"
    "S5nBMJdTeK/UKJOVaYSxxtGSW5ByJxmuZGObtwgnggJEUEAJuOWtQQFJDMI2eydZ7N3epi"
    "ja15h2VSHcc9XncobhEJnCazaOFilUb7sEgdYYwbf05AZT0psT+wxMKE8Jpw7m6hOkvLxl"
    "eKOpd2i9TuCW8dxW+TPj3pMIEny5TxowrRrGmpxsDy/uHR0q1Krs3hMSR6ESBw7LQhzNmj"
    "jtK5cg6PQiieeqn5/kPFcvRMnOV8nmwx8rlXS3wzB7KcUwl3qY3WNqF6HdQyqk9jKPs4dB"
    "ScFv+MiEPBniNO9j9ZKjGyQUWRFEieNDWRBFiePcShy726jQM22D1n/ibAeX20WLg7dke2"
    "5SdIMnjgdf8jNA/77XO5TRu4fnKhovdGyaDOWAisrboB6npdJoU8nk227VVF3LqgYVZpt+"
    "qyKDZvIDKzJJSNNHwlkhmqQPYbMODAw0PH18i9cmMOQXg95dkAEC8gO99bzAAP5QDdMI6q"
    "ty+o49UlSzb0+jLXEJKqcuySrFW7RmakaGf62H+X1H8jI8SXGczLsSszH89q/JhinZEO0g"
    "xYaQC0m2zJIs3RPJAbZGphoSN7tlsH20YqTLNtIBAeUwjIg/MjCEFQkJHoxmRlassSR7Wm"
    "9lR8YLCHQ4xbpCi5PKm8TCbj+W9crqHTyRx4QSvJGRUqe+c8x1TtXIBWEWDAjoofRzkCPJ"
    "72tS+eSxxMOcXU1YzIq0mJFfsF6Gyv/J8sLw9GUOzajdDbtfWu2v0t2g121/ZRUjuesJat"
    "90e1cS2QBbUnvQH3X64yYI3vMvoiTM5VkS5vIsmrk8C/gG2UsxDe/OkZR5mA7Mv/MlWMke"
    "uIt5xEMorGCl4zTKoGIuGfMo8hmXEVHhupi362LIVlCoGaRk20CWVpDDiG8e39AQ2c3vOx"
    "otuHk8VhNJbdEwJ3IstCK1hABUuADERlhayMYiDTvtpaqcPvzifQJ++uJ9JD9NHwn3wVfI"
    "UQv3wVcxzIS12mUpc2RCBV/m8eXYkeQch5dIyHEJfK828fl7Ch2+vABHBnNiycMzw8okeT"
    "BROkTicETsmEQNq5XkyPO5ChlCrChSrKiic02tc3J68X4XE0j2+nmRPizHUhEr2TCeMdkT"
    "04rFAcLqRfo33iWby3GTOQC4SuSeqak+hUzpjxhrUEZRcRocnQ/rhxzzwjubSbFs9MfBoO"
    "fhoD92xz6Q728/doZvThn2pJFqMQdBE4VQR+wyAEchx6RwJRIp65Pz4l7ruFtzfU+wQuq9"
    "VxEvW3DZE6xqCnlhETOiJEJixNzQjsNgVjJeLdnu5fg3Fl5H4ihnmIwQXqNpFoi1uK6qCp"
    "e37oaEV+Q/hmhYRPmN0NIu5NunagZnZdvq7sruraqoiaIlaREjYjGNBSm6bMkxnpMLIo0d"
    "AKqjnFZTnAlODKM2Zm/4GFWTicAyZX0O6dRayvpj0aVwjnElWpVwCCoIP2tQmWfBizHghi"
    "z+p9KoWSFOhYJ1lIvyINWWjhIphE11pk6zkLX7XFdVhWu1NhZSRpUbSVc2Z19ptMifVZ/g"
    "/nXiKF5XVl+VrRJnA0aLSWSCFu2o0litmIYCokzwunM7qxJmqVyF/EfoVNYgUmRdmsE4xc"
    "8AwTEmLwl0GXaH13Z/FWTV/rNWoSkt8FqPmZPJEfsX7e7G6a0ieKV0SesqcLnCJlmaLzbj"
    "Gpb7O9CoHpsCfNPc5qtZ+0zd1mixRrxi28kjfBFVGg/qxuYORVIPIJegzI5WLDSw+XdV+Q"
    "fNuiUjjF6WeM2m+uELf9BJnwJwu3mZ4d7R0+o0kafVaYyn1WnQ00qH5J8aZmrPNj9dBfHO"
    "PujLMGVzbUjhWflHS1nTYqLsPaQVCrM/a1xeuNs0vYjboUe3rV4vLPWwsaJisPSAlZDdYg"
    "x/RKYe9hFWwUEzzmOt8ztzEXSd1Zzp+ua29Tubya7DWm/Q/+Q056Z3uzf4KJwHX4vzID/M"
    "+BmFpVmIPiNcgiosKl8Oo0aSHEaN6BxGDf/ZoEGZbEO7pfPzkopQwrKtohQuuHkGZXm8jU"
    "KEX783UkyQlr9lztkgrBLFrKDVJkeeddO5pAV+sahqG8lm5ZcwQrXzSifOFeEQVFBmyEVG"
    "S8vU7sXLlg1fwcwexVAcwzHsceJ1j4vkJ4KHRsTzh9Wocc/k5Kh6aASq0ai67E9qbHnKCm"
    "mOcktDwVALwpw+9Z3b0ZHN4MQJKPi1myCpIDcdM4O37fR2XHM4JcT8Et4OtHVSZQBxxVNi"
    "ek50D6xDwmEMu+3xoRKo/BM/1EJEdHq7HieZ/9tusDWp/gBBsFLhFNJk9wpeEpTAM9YfaY"
    "57fY2AbILv5J1ws9/r4OEFEOEcLGSkaFAHOpyrhgl1qLC8998fyTB/DybUz+crQk3k9HGU"
    "hfybbTyhz62vo59SKwo+qvPXoiv4pdE4O7tsvDu7+HD+/vLy/MM794QNPoo7aj92P3X7Pq"
    "Fru0bBGczEJl+7fZnl3Ro3uX8yAP2rdQBP5idgSt1yoHGiQ6bH9a+iw1gqCzS6F3Muk8u3"
    "ynqlUd9iaIBnldYQAzJw5k5qRU/jQxJFT+NDtKKHPvPnmXnRsBwy9/85GvSjMsy4JH6Ngz"
    "o1wf+ARrbRvJZB7e+zNZpShMHDWtVMFRkn9Gv/UUs5OAa1fQP6L+lRoSpGHSD4RCvCsRos"
    "ssaKqSQbp5hhoV8QrzDy64bqXs0D7cCvMNocLsHVsr1eyIa6uN2rdtfpX3X7n9KOkk3WBP"
    "aHCboa9DtNQF8n6LrV7XWumsB6n6B2q9/u9Ngt9+NOKy2ZRjVGoRrweXGZgDTqvQ3V8aj2"
    "aGgGY7UeIOGiYJOxWESigMpaI30Txopyq3g223tpHZ8C0DThchUWgBHviMPTlbYKYY2Ii+"
    "rSoLUzZ7JepzwGIj+IctzsScJ1mJ2DDl3RuyLupy0O9fN82ewsgLVs/6ldM3xkJWbcSuO8"
    "Jxw0XsfBIAyAr2KYZypSjcVO4+wjFcu5zOPMChtDXQ9Th8ecjx6q6h2P54n8VM5j/FTOLT"
    "+Vsri2rRXV7DxFObZtntZj3dpoOwk+FeTVtn74N5ya1rQiD51rS5ks9NOl1U/vUARTcATl"
    "PynISk/tEcSRlNixghkfLFXqrwBhalGjZmDwCF+a5GVlsjtPlixYvH+LhaKO07mReqnKbP"
    "spTYyBPHXCxFOAXN0qyTkE+PmO9KQw++kqCHb2s9nLLyVnhrx0VfI4LIQv4kVoSkmvQnS6"
    "0SZLH1k5zJb0+9KaLbPgknIxSeK1OcVR9WC22yQ58jJvRLXB5yYYfJ6gq06/S82M1vsEDT"
    "vX9yN6w/5QEqujHTEftl1tj7MP3awqoIjI/gxW3IxVSTHeUFQP31zK86yIsJC+FhJPVOZ9"
    "pTQzOS3CovxyLLQlUVXeybpJRuIGGyvVlLVaiL7S36Qep7RcWY2lBd96q/vvZH3+8Is8WV"
    "++e/iFfD47e5isf7m4aFD/KxkoKh2fqVlnjnJANQ1AqzogMF3ICEENvCGUcDabrD80LhuE"
    "8t2pTF/Pz34OugHn+1Wh7sBOp7QBw1ZkzTpkiLAoTphvgDBbMJK9YJziB2kAj+ygzCNQsz"
    "Sa1IuNPHjcjcvPfTRSFz6NIC/zSOy4FrLPFScrChGLI5xxIzScG5ICPXDz0jQUwPzvVJhT"
    "VOUUVTmF4THC8Ohwq+lsjz6qKumx8wrs5sWCPQNjr7iujgzkpMGxvgmWOjyW28do5beQE0"
    "OUfEuXWT2lpsGuDDGGyxWBF9ZCNA3+JvU4TYNTks7kW2/VNLTAE+HTqbHFI+//ZAC7P2DC"
    "H0T8VxFoL1QEDQhkpIAOmmuqsTgBd5o8hQusKaSXZkC5kGnvE/Rfw1wrhIruz1bkPf3kqF"
    "b4z46URO8xwZec4kuDXq3WOjkhyBZPutPJekEUCUmRX9hT+GOl6rQOIvrrBIxpUKg6X0DD"
    "dP+HarAoHcL20x89w/oUJlN02B0IXcdBdR3OKCRHlqMQh3gIF0zTmUl/hmjC4zOg2SSVkJ"
    "vjuN08kqAx/GDIJN4COayOq1DRkFNDLzsYHrC5kOZrcvqrcmg5rTg5O6aXAgVv987RSt7e"
    "czvFZh4kLG5PP7tIGbBYW+BnoGE0t1Kv2JwNeIRwZQCrNmnx272junh4SScPB+jKfJgyj1"
    "yHeQOyslTRYdEWKiahYhIqJqFiOlYVk+0nt6eWyVaHDK3OKgR8rnomj24uRMnk191Fa5h0"
    "u6U0dZoWkljemn12Kp4/WHJ5Sw3kZpfHKzIPHN6C3XH1QCLjfNEqFvJ1U6gjiabymmM9Il"
    "PZdj/nsH7KLLvWOreDcXfQb/WawP04Qa3+793O+GsT2B+oQ/Qd2T1H5Dl1inY+T9Co07uW"
    "iJx6Kw27o89N4L2eoI+dm9aX7uB+SL+Bu5igXqc17LPcT84nmvDpttv7ShM+0fcJGoxvOs"
    "MmYG8JmVmftTqRsTrGVh0wVRsGNAynSEVSTYaXqtQTgkoRNLePATVM0woSYMmEJiKc9z+U"
    "T9thrJdLWX+RZtjruJh0jKLoK+DCUfRQrPU5rV+66ybKkZd6qQwH9+MuzVZnf5igu2F3MO"
    "zSjdP5NEH3w0+d/rgJrPdddrHsA0eOMMHg4K7TT7k+GA05PcjrBN20+ledK2nwhR4o3MUE"
    "kQnMQnus950GKEkg4ml0IOJpIBDxwOFWBcWQDzvj+2GfDMR4II3aN4NBjwZY+e/R6KvRoP"
    "eF3GuNuXb+exM0HnZaY3Kr0xt1fiMsA1magVtkvAf9EVmJ7Jd96n6hUyRwi/bV6o+uO8Mh"
    "nRrcRRmZEnu4JYTNkCkTfeT56Uo8V0p71glt505DcWzazvVK2XGYvZRimEs9zFMNG7stZp"
    "5QpG8r8xjzarbAKEdq0nxUwnARYvnzqDSTQ+snE9iKOmhFobpRyqeA1UMkcBXlz4oof7Yx"
    "XoZM4Cyg3fRUVWw96zYBuO7BlAG8FS975j/DE6AbraRPDW5IdoOK4uxjQ/eJoLFDL4SbQ7"
    "ybgzd9ClIkTL3r90PrhvQzeKrUhuDBaYY1jQhl69WeOF2zfu5XVcKpgPAsZxVGR2dx63R7"
    "cJbONc7XeYb66LjuME5MmHCHKdwdxoU+fehRGKkQkUJETxpEmMZY47QvtUkc/iCbg/YCnh"
    "eyySIA3HgR8Ax1CIwFfk7oll60IYfiKxkLuXF+EW52jR4WjqzMo5N8quechc4OZ00z+zmS"
    "SkBcuHcUmcBEPnNqXnphj06s6yMrPrHuDnvQiP3mK/KTAQug3nu7ySWhbpWC8w6zTjKNzW"
    "Mc7g62ixBKwe2EKtqPzuMss5K2n4at/pi6EdkfqDd1u9ftWwmmrU8T1Pn9rsucjewPE0RN"
    "oVfD1m/9JnA/lrkIrnCF2em4Pzb7uZNuJP0weynFMJd6mMlfoyI809BJm2Nuh8Ud15FwlS"
    "n1HLD1ccn5IY5C8EGhWp+NUjM5qj4qgex2lwMn3HNPy2JFk8TVfWZFbtkmsNzy2dr2xDck"
    "W1xFIfat4T0stwqcqlS1no3J9srurULQC5tteWyR7vSKNkbyM3C7NVLhW29NFTlAGxvETw"
    "ZwiOtWjUqZ5iQCz+RtKSuQ/AVasRJARSVDayWBpytUCRagyK7bJGZRb8Umxz7qfL+wjxZu"
    "H9Xt3cJYqKs0xiI/XSVMGXlHtz2S/7Wr4tChLTPQNTv60A1DdPWDrnpwowvcqALLofPToW"
    "yE+QdEW/I2FCLcML0dj540yk5qGC+lUL6VWvFSeMXBsg1mAVVHhJNTXoyTcKo5gFMN7cKq"
    "gZwKaQ9VBYE+T7JznEdvHOfBYlyc3JV8y/BRid0i2g1jJw8MgWti1Tjnz52N9rZ6UR91n/"
    "LWO8kSqMid5Z4ByBWPHPNtjKn14nnqMF2db4jyktcHJ0g/6qqhk+ktaRkXapQBc/UJImBi"
    "5k1tF+Z186o3AUbaC3tEdVXASt5nFamhPzdEc5llx6lDOrhlJDSWhWosRdKLvJiWtC7Vx+"
    "RLnYXuJRfvabqbQms/Te2yG0orpnbI1OaRSq9wDFILpWOplY7C20sItOXFVfh6HcTXSygL"
    "8lEWHEagdRMqhAi0fLKFBAKtm+MhkUAbDXIaIbLuCRURImShImTl/TBad3cDAsMt88XgLi"
    "bo/o4yaE1gvdOE1DRJ9SZFtXTXa/Wd3NW+234NTCJ7ZxLrUCPaOtQIWIfSpobeKyV0STfu"
    "wpw0aAmJXSN6A7SljuOtsYQOjhbR87vLEtu7IGcZRLuEq3kpjyZSqSYjQH45JjDTai0/Gd"
    "TlVIfmWqeuqs5PfV2iLXm4IAsrFV/goRFimKj0mdWRc2yLR+iFhP6iROL1dv3FYWTrtkz4"
    "d0XWryH0SqNhz+txMvaTaqimNLXbSzOHYKvVuAUYKSvcttLVJzL4QHW+F9B+moxRux/2KC"
    "uAHyGqA4O0hwpYyMaCvL0Z3bTeNs4vfg6ajjPvfbvoLyT8QtP+0SGT6FCFy/kRLoQeqmwE"
    "xsPCnLOnpmCbXgXbtDZgSomDo8iGbTr63SrANKU52r1DERyHAYJjTF5y9sM76CAkZaq4qe"
    "dhqtqtUbt11fHxVPvZIOSlqr20MTItXiZoiPA0iOWUZqwp/Xtu2wRMkt0cPKvmAsjA6gTg"
    "tWmoCiQ3GJsD3siAsGAEUxksoWGQP2N9JHsrmoeyR5n1m6jQuKeagf3VtmGE+tpt7tglxg"
    "UvVSQvNV3ICMGQ4gYJC4lvyMusgq/d3QxonCp7myByaI5an8i1/YHeIQcxzYZnf9i/fGb2"
    "MazhtpFohrd420hulaH9sTLJgmXiomWCWQH5nSktv+ujFRxvqTle/5GT/FQJoRSKQ1GvLF"
    "dcYxSyoqpWJlW1XOEhapPIAOCKR0eFbIylUnrf4CX8QsWaWliIlPuwHifELWgN8ie3Xb6u"
    "ZCvNDTXjZi6TmLwzmUw83TRccWqBjYgnhoY3fTxg/LgRudhjq6LfVJMNQ8hhhcthfvhTHJ"
    "tBSnF2hvAklfcLvO93v3SGo1avCdyPEzRuDT91WFp351M5pNnjy7S/i9phOLgbjCj4zqcJ"
    "GrVvOlf3LDG++zE8XT65O7i961mj536coNvuiPVpvZdjOFc6XrHS8mHcUrIx9XVR4rRbte"
    "vWbbf3tQmsdzKm49b1NRlP+laO8bBVtmn0RRxJeVVGNVtpbU0Wq4ZqKfRHG24rAHm88shD"
    "KDRHpdYcQaTsVFBiQyYGuNQDTIfgT4zS5abiaMrMjZTHsWQhozmUonJyRiMdICwzj0DkMR"
    "NMKaej/W2JnxJ6sxdh6WAo7sOpeXso8yCUn1ETXlav4mBZr5Qdh9lLKYa51MPs0asGBjpS"
    "h+cn20mBV7KU05lnecFpM1RwFEIjGoIoZ2NIiChHIRANs3vbNpbkiHIUYtELR4IDORLQdR"
    "0EOLWRmxlR7+y+jgzhpJZubgvc7kQgHDTyc9Cgp3sGwFbcMYPjgRJkUaKnUVb7wMju67gO"
    "sMSzdXNue3Al3w/6971eLVwsKG7CHimufkkoAtxoLyLeg0uyA0H3LKnHpnMbf7E6q9Bmka"
    "6wHp9sbYr1EI7MAdWJWEoI7dDtrhpz+q+Uzmm++RXioRacgVujst3Jz1pvjzZCmPqiARPK"
    "U/qOdTuZ9hoZUCNX/8YqImBswoMm6/ezU3myPn//bkpeTy8vyB2okNeL8/NfyB347kNY+F"
    "GOXxTiWPet5nrssei6PwKedk5ImXB4K9ThTVZ2qw/G0wllaKmVoSWILK6A2M4jau3tqSDl"
    "SQSm21Uh7nGxJ5vucSo/MoiTMuv83NousIdHtwuBfZ8I98ICKDaqvSj21NH7beNMHV1jtg"
    "EU3gAG2r99/QLlMK6PeyqYv+KjzoXTw2tgAEVQS+72Me82lhpgjlDgmyDg1nfG7GvUYd21"
    "nd6ODOvEqvLgWk5gOeNO76yA/mp3Vm2cuSWdOgTXJwbtqTevogjkCwcgncAsrAuUee6Q3l"
    "6qChW1l2UBVEKr4tFgVIjMZs2sOMHNnXtJpDcJuq232hUGCALbsg/wjAZukQ6almofKuAF"
    "mnUgIwU8L5goRxqYsk7EOvLMUv+rBkAQKmE1QjPuO1SqdKRVx5MjRJL0hec73yHymR1Csi"
    "T/8gnqhqxJ9jTYxeM6oo+jKa3wKoVNd93FxRVtj20J6abMAS53o6/tm0Fv8KnbpoH/nssJ"
    "ssJepKvu9XW3fd8bu5Ew3K0J6nWux9LHzk23f9UE3MUEjVrXnfFXadgdfW4C7mKCbjqt3v"
    "imCaz3CWpRFv62224C59P+KfQaSYJtGtHBNo1AsI07uGlz6QUISzwnku/F+ceaubil34V9"
    "pGLzPYrNd/dTN6ILMe5lHncRQiIiHo4DV59YlhzbIKEI1BEBJSKgpPTApg0o4RZ6BvhW20"
    "0/uCmmdtTPXfNpu5VHqT03XufbdJ4bd/ft+s7fFrIJrIqcUDkBI1Oezd5ipL3UAfwxhSsT"
    "fLfzbEmErbJKL3yvMxdowpatCO7qg6qppgoNprskDwJ6zxy+Y4II7oTJ06Ayh7QcZx08L9"
    "TpAsg6ZIRWL7SilqybiYs/WMh5E41yXyR0pAfRkTpTJ8QcE1fylycrdbXfLCSxDCv7ImxK"
    "DnY7JD2KIBcKqEQKqBXZ8UIZpmjAOZLy5kEsE8ZUJxpi242v2l5w8tbc8I3T5uRTtF3T8L"
    "O0XqUB3EMkQE8NeoCdSgN+KLEYhNSDoKIZ1pep2RaerEC2xb1ztHyLSV2tl6GHZyzgHjqB"
    "eArEDXkGzZC9JRbuDZHAOgXWrmia3lLlIxVBCKU2UXn0DTvEGwfJhUnyaMY7rbEnnFgYfG"
    "L2z7QQBwmFvbKsod5HrwaNMVFy87A4c0/ZZm1Se09w0SbIJubbTIVRbQvI4YdPBoa1rdkN"
    "UpaY3yuw5yjqzG/PbJCxsZLFtUSZKp2gl22GSid9X5Li8pRRdXIsYR3g2Qzqxq/g+8Zq/h"
    "0YkMVIUPsfzctGszK9wcgxBoIV1AH9ytAi85n3Hxqe4SSB5GodBoyQnlKK3pKIwchEfwsu"
    "uEMYKYs0Ur6a2PEanf50jv5kAPab62BGFowxxSu6IFQE6JIgv8AKuTqER6KobFV5qVlUtq"
    "r4AIvKVkVUthJ5bV7DWhKlSEQpkrIjeqg4kpLpXkScQ1lUKqniHERxhySQRhV3KE3oSMk2"
    "gwwiR9KVICg6i9KR4J1r1ps+NtWZOpXtHxvQqHqe1+OUqsjfMoFadQV1A1NVjorekp7J2w"
    "P+AVjCnKYdgUEtKSfgbm0sqPKTxm2wBwrG+gPUtDBlaka9hqpQ8dokndlznfSjrlRe4+mP"
    "59g8Zs1lxdWV+h9yIk063elHdf5a1Ke/NBpnZ5eNd2cXH87fX16ef3jnMijBR3GcysfuJ8"
    "qs1HmRKEEeVoLWHOu7FwLm6MusIKi1B/1Rpz+Whp1/3RPxrwl8NyboZnDbkb50R13ycPN5"
    "gtqD++GoM5Ja/Sup1xmNCB2lDtycoGHnujMctnrS/R2VUpvAd2OCWv3+4L7f7tySb24C/s"
    "pJteJkWUmo6fWoM86SuPafRXv2nwWzd8Al4dpSZkrhaMo8JXbVGSUB+SIa5ItghIqsy8sQ"
    "HuGfZFZFiL4uhV9PpE5N8D+gqUZuEnDt77M1mlIMwcNa1UwVGSf0a/9Ry5eHCIObIuRRGQ"
    "W8zP0O5XWvLoh24PcyN1VTS6kktQkqONsbicKFGjHhQo1guNADVlLFTzjtK4Fv0UETCoQr"
    "SVPRY5op7SGqBOy+KLjTRpIouNNGdBQcfeZDmjBZaXZxp73YwzPfw4UZZqf959jMMI70mX"
    "KMOTLhyV/m8fVoJpKrCDxkVbINFaIs8DhIe/Q5yf37PWRVGoEcfdEtzITNI4Enumd6bTd8"
    "WPtBBsjymuOB22lFcfbsomWqRBYyClu0/JuxSqbrlzYzJlmCezvCH5gYGBApdfCsq6YJEX"
    "XeZMVtZU2D+k8GAVpGhsxY7xPQAopKZrPpklOe3wC2wSiQ6T7rL5kgdykZQDZsm4KOn41f"
    "gQwedCwrU9kwwQKTUQEyAvJaIY2nEBgrOAXwx0omM1gBD7ahQTVWsklL+ibODkXWm7lmfz"
    "a1e7UwEQgTgTARCBNBOc5UYSJ4VeoloVMVOtVXN+nX+jx9KqANkchNkyI3jcNpp5n6PM1e"
    "07+gwjUbAcMjV/zK+mraUksyHqfopbCRW3ZhiDfUBeaAu+v0r7r9Tyk3I4esCewPE3Q16B"
    "O29crW+KY9JE6TsEan0azRaYA1mq51A4eUCI0TEDc0xekm36VEXqMrwxXQgapsBO43j/DF"
    "gObPCQfgsLpjQ3J+9y4qZC91aUfrYEEewtC5y6FwdIawKSYC845ltPy0wuRZtpEO2IWSRB"
    "bw+uo9Awz8DvHHudDjyw+TP0preu5drJn6119ZfVWqVHOeBhuKWcukSr/QDDf843qciWZF"
    "GpJNbNNyq22mI08XzC5CjSYyoB2A6UJGCGosx4YM7HnxUgfPqrkAz7SyBjOm2K1kZDxDPa"
    "z4cMZ9J7GXOB2mz0YjzCVFmUvs+blbqlEfreDKSndWe/NjkxW8wnqq4hIeogqqgbOv2YvX"
    "JuFhIwxM29UtHHmZ4a4NPjfB4PME3feHnU/d0bgz7Fw1AX81QV2CU697JY0Hnzv9JvBcUu"
    "PiePiVmhTJGy393O3RHqz3nZQ150mUNefRyppz/1AuTHMlRWnPRktymEYn0PCSVig1wVnj"
    "8sI9ouhF3KE0um31ekE9ANR1rBO0lFR2WC9V9QoKZZ/fxynlEcZjRePspaoezrlECenQJJ"
    "yuPDOhLoXsFtcaliO1hz5KH+IzSnp8mMdAfDW4/9jrgLthp90ddW2Lh8srsYdek9Ow0+oF"
    "jNob4SKV/OAjrJK7bwGyRIxTsMLpGfb0XK2o2qLu81n1TcUyea3SEWiT3w9RpBLEeVzfqg"
    "SZci23KkHGbnoIgGdUU+HkkrB7ofoLpr1487yAyKn7qcAndQqdqxXW1OkLINgapNeA5SmP"
    "75ggWpqU9KaaBlOgKGSoZe0EDPGzwcqSIkjaAmuElSbXBpDlsFwZ4LtzCxGB+ntiNcvaIA"
    "eHNYP4DqwkF9ZvFvmAC88HbE0PyZ4eadivIGWZBcHSyN1zXUa76bG8lEKLVWotlmeLSznQ"
    "flphWyzzSG+OruSnk4emQkqXzDwwOGYhIaQcRZVkpbxCI9d2OKOIioyTfLhJtT0g0lrUmY"
    "mVTmfHtREklym5HTCDWjzZipSuUB8hU/JC/xahklc3JAt7ZBIdkdCwNzqRXlqo/crs3WTE"
    "TV+IIC10oS5pVKECqLpOhUbQwp7PV2zPgegT8SJCFhE2pQc4I0uGXtHGVDzk1qHddC+pUd"
    "jti7Lbv2af7hGLNRyxGMOr4eDujtoN7Q8T1G71250esyW6HzMxL2buC+5dkmkEGS/l8Uis"
    "9IcDpmCzfn0T/GetQhqzvdYNgHVATxo8myUbnyoJO7YvTWo7M09XGX/zLEzMGpQNKOFnFM"
    "aORyvffGTVM35mb2S2IFsjU9XS7mM+UqGPKfMWJYI3XsUw0+N5l+J5GzKxjMs8vjRST2Ku"
    "VKnORQ9V9Y7FXHyChAY7Bw22yLJ40EhZYUDI2YAg0v/llP5PmBRyNCn4twhhAtvbBJYkrN"
    "ZW/0ganocchykDRbmoxopgnnucqL30I61Zzsaw1ZblNkxkybJqapEFpFnj+pNhWZ5M/AjR"
    "CaDujewjLa1ljVET6HCuGibUWZF2EyzxE6R5NcPtWFl/QUo/RiZtGBBu/Bi9d4QrY5GujG"
    "yk0wiLLkE21qXDgpt/1jiaXHKG9eWu1jyevsyuorXuYNQE5IWmDb0aDrpXNGMo+1AOgxzb"
    "ix/Jn955JPgOCjStXrdv05pVCUkTkJcJurlv/dbpNoH1PkG/d1uDW3JtvU/Q4O5u0AT0dY"
    "K+dL+Qz/SVppftD4Y0syx5K8f4kVNrF4drH1mZl9CO29ZZkl3rLHrTOgvsWRqeylqq6M0N"
    "RYEL48/F23Y/7dL42L4D7y93mdJnSUKQz6JDkM8CIcjC6BIJfeWU8g57m3Kg/bRiqEs91E"
    "KBKjywq6J+ssMlM0hSxgWTVkOJGhasXnQ6t2OBKm8t3Z0OZ1Bn2aYjNHVci/pWbd3K23ir"
    "xq7FxRcvsDqFLOEa9Ql3io38ChCmpWzAEsrIVrWpBmkS1M7t21moPzm3Gbj1T/zO5ELnVq"
    "TOTZSxEWVsYsrYsH0IIjpWYX4QcTUO/KQFVjo4jISQYaGD9UrZURr3UgoRTYhopR5NIaId"
    "t4iWJ0f9Lxqyc0MjdsK4ae5pLCfNAn+khdswDRfNBQ35mF0WU2mNF2g0mu/evX13SV5pzc"
    "nRQkbzhawCttPG8dUZdD9Btypam9AAhkpLxTDlN1iqClLnC7MODMz6eiYzkHROuHOaYpVC"
    "A+Spjg0DKKqswakZGQMqmPMDMue7MV6H4bkc3I+W5yKHgG5KS7acgojHR8f5aat0NmeShx"
    "UpOyLrpRS4+qqMkjPgT4zSVRnlaAq0kLYMVf6bc3iltJTuaI3OPgRRyGW7bNJCLjs2X7Q8"
    "pLI0QsQ2CW6A4BiTl5zlt4MOQj7S214SWQvq6nRRC5HG7Cf1OElM3rTZJoRFgyRElHKJKD"
    "u4wVXbBa5xnsQ3i7SKDvA8D3hn0UWVAmG7eQXRPU0UPnsaEz57GgyfJd9ohtZwjq4qzJEU"
    "X1P7MFxcZiWD9+IM9j3M/vp/mN1mRA=="
)
